/**
 * One Lighthouse 12 navigation of a page in its own headless Chromium, with Lighthouse's default
 * mobile profile (Moto G Power screen, simulated slow 4G and 4x CPU slowdown), bounded in time.
 */
import lighthouse from 'lighthouse';
import { launchDebuggableChromium } from './chromium';
import type { LongTask } from './long-tasks';

/** What one run measured. */
export interface PageRun {
  /** Total Blocking Time, ms. */
  tbt: number;
  cls: number;
  /** Largest Contentful Paint, ms. */
  lcp: number;
  /** Bytes of JavaScript transferred, all scripts and those `isTheirs` accepts. */
  jsBytes: number;
  theirJsBytes: number;
  /** Script requests, all and theirs. */
  scripts: number;
  theirScripts: number;
  longTasks: LongTask[];
}

interface NetworkItem {
  url: string;
  resourceType?: string;
  transferSize?: number;
}

type Audits = Record<string, { numericValue?: number; details?: { items?: unknown[] } }>;

function numeric(audits: Audits, id: string): number {
  const value = audits[id]?.numericValue;
  if (typeof value !== 'number') throw new Error(`Lighthouse reported no ${id}`);
  return value;
}

/** Runs Lighthouse on `url`; rejects when it fails or takes longer than `timeoutMs` (its Chromium is stopped either way). */
export async function runLighthouse(url: string, isTheirs: (url: string) => boolean, timeoutMs = 120_000): Promise<PageRun> {
  const chromium = await launchDebuggableChromium();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Lighthouse took longer than ${timeoutMs / 1000} s on ${url}`)), timeoutMs);
    });
    const result = await Promise.race([
      lighthouse(url, { port: chromium.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], maxWaitForLoad: 45_000 }),
      timeout,
    ]);
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`Lighthouse returned no result for ${url}`);
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const audits = lhr.audits as unknown as Audits;
    const requests = (audits['network-requests']?.details?.items ?? []) as NetworkItem[];
    const scripts = requests.filter((request) => request.resourceType === 'Script');
    const theirs = scripts.filter((request) => isTheirs(request.url));
    const bytes = (list: NetworkItem[]) => list.reduce((sum, request) => sum + (request.transferSize ?? 0), 0);
    return {
      tbt: numeric(audits, 'total-blocking-time'),
      cls: numeric(audits, 'cumulative-layout-shift'),
      lcp: numeric(audits, 'largest-contentful-paint'),
      jsBytes: bytes(scripts),
      theirJsBytes: bytes(theirs),
      scripts: scripts.length,
      theirScripts: theirs.length,
      longTasks: ((audits['long-tasks']?.details?.items ?? []) as LongTask[]).map(({ url, duration, startTime }) => ({ url, duration, startTime })),
    };
  } finally {
    clearTimeout(timer);
    chromium.stop();
  }
}
