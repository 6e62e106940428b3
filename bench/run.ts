/**
 * `npm run bench` (after `npm run build`): serves the demo store on 127.0.0.1 and measures one
 * product page in headless Chromium without the Regulars snippet, with it, with only the loyalty
 * wheel, and with the `spin-wheel` package instead (when installed): Lighthouse page-load figures
 * and click-to-open times. Prints the tables, writes bench/results.json and bench/results.md, and
 * exits with 1 when a budget is exceeded or a measurement failed. About 5 minutes on 2 cores; each
 * Lighthouse run is cut at 2 minutes and each click at 1, and nothing new starts after 12 minutes.
 *
 * Options: `--runs N` (Lighthouse runs and clicks per case, at least 5; default 5).
 * Environment: `CHROMIUM_PATH`, `BENCH_SPIN_WHEEL_DIR` (the comparison package's folder, when it is
 * not in node_modules/spin-wheel, a devDependency).
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { DEMO_PRODUCTS } from '../demo/catalog';
import { startDemoServer } from '../demo/server/server';
import type { FileSize } from '../scripts/sizes';
import { checkBudgets } from './budgets';
import { weighBundle, widgetAloneFiles, type Manifest } from './bundle';
import { chatTarget, launchBrowser, measureOpen, spinWheelTarget, wheelTarget, type CacheState, type OpenTarget } from './clicks';
import { runLighthouse, type PageRun } from './lighthouse';
import { isServedUnder } from './long-tasks';
import { VARIANT_PARAM, type Variant } from './pages';
import {
  budgetTable,
  clickTable,
  comparisonLines,
  markdownReport,
  pageLoadTable,
  sizeTable,
  summarizeVariant,
  textTable,
  type BenchResults,
  type ClickResult,
  type VariantResult,
} from './report';
import { startBenchServer } from './server';
import { median } from './stats';

const root = fileURLToPath(new URL('..', import.meta.url));
const COMPARISON = { package: 'spin-wheel', version: '5.0.2' };
const ABSENT_NOTE =
  `The comparison package ${COMPARISON.package} is not installed, so it was not measured: ` +
  `run \`npm ci\` (it is a devDependency), or set BENCH_SPIN_WHEEL_DIR to its folder, and run again.`;

function runsFromArguments(): number {
  const index = process.argv.indexOf('--runs');
  if (index === -1) return 5;
  const runs = Number(process.argv[index + 1]);
  if (!Number.isInteger(runs) || runs < 5) {
    console.error('--runs must be a whole number of at least 5 (the budgets are judged on medians of 5 or more)');
    process.exit(2);
  }
  return runs;
}

function readBuild(): { sizes: FileSize[]; manifest: Manifest } {
  const sizesFile = `${root}dist/sizes.json`;
  const manifestFile = `${root}dist/.vite/manifest.json`;
  if (!existsSync(sizesFile) || !existsSync(manifestFile)) {
    console.error('dist/sizes.json or dist/.vite/manifest.json is missing: run `npm run build` first (npm run bench does)');
    process.exit(2);
  }
  return { sizes: JSON.parse(readFileSync(sizesFile, 'utf8')) as FileSize[], manifest: JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest };
}

/** A copy of what the demo server serves, so a rebuild while the bench runs cannot change what it measures. */
function snapshot(): string {
  const copy = `${root}.tmp/bench-root`;
  rmSync(copy, { recursive: true, force: true });
  cpSync(`${root}index.html`, `${copy}/index.html`);
  cpSync(`${root}demo`, `${copy}/demo`, { recursive: true });
  cpSync(`${root}dist`, `${copy}/dist`, { recursive: true });
  return copy;
}

/** The comparison package's folder and version, or null when it is not installed. */
function findComparison(): { dir: string; version: string } | null {
  const dir = process.env.BENCH_SPIN_WHEEL_DIR ?? `${root}node_modules/${COMPARISON.package}`;
  try {
    const manifest = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as { name?: string; version?: string };
    if (manifest.name !== COMPARISON.package || !existsSync(`${dir}/dist/spin-wheel-iife.js`)) return null;
    return { dir, version: manifest.version ?? 'unknown' };
  } catch {
    return null;
  }
}

/** Requests every page and file once, so the first measured run does not pay for transpiling and compressing. */
async function warmUp(origin: string, paths: string[]): Promise<void> {
  for (const path of paths) {
    const response = await fetch(new URL(path, origin), { headers: { 'accept-encoding': 'br' } });
    const text = await response.text();
    if (!response.ok) throw new Error(`warming up ${path}: HTTP ${response.status}`);
    if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) continue;
    for (const [, link] of text.matchAll(/\b(?:src|href)="(\/[^"]*)"/g)) await (await fetch(new URL(link!, origin), { headers: { 'accept-encoding': 'br' } })).arrayBuffer();
  }
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

const started = Date.now();
/** Past this, runs not yet made are recorded as missing (and fail the bench) rather than stretching it further. */
const DEADLINE_MS = 12 * 60_000;
const overdue = () => Date.now() - started > DEADLINE_MS;
const OVERDUE = `skipped: the bench passed its ${DEADLINE_MS / 60_000}-minute limit`;
const runs = runsFromArguments();
const { sizes, manifest } = readBuild();
const weight = weighBundle(sizes, manifest);
if (weight.unreachable.length) console.warn(`built files no page can load: ${weight.unreachable.join(', ')}`);
const wheelAlone = widgetAloneFiles(manifest, 'loyalty-wheel');
const byFile = new Map(sizes.map((size) => [size.file, size.brotli]));
const comparison = findComparison();
const pagePath = DEMO_PRODUCTS[0]!.path;

const servedRoot = snapshot();
const demo = await startDemoServer({ port: 0, host: '127.0.0.1', root: servedRoot });
const bench = await startBenchServer({ upstream: demo.url, spinWheelDir: comparison?.dir ?? null });
const variantPath = (variant: Variant) => (variant === 'with' ? pagePath : `${pagePath}?${VARIANT_PARAM}=${variant}`);

const variants: { variant: Variant; label: string; theirs: string }[] = [
  { variant: 'without', label: 'no widget', theirs: '/dist/' },
  { variant: 'with', label: 'Regulars (4 widgets)', theirs: '/dist/' },
  { variant: 'wheel-only', label: 'Regulars (wheel only)', theirs: '/dist/' },
];
if (comparison) variants.push({ variant: 'spin-wheel', label: `spin-wheel ${comparison.version}`, theirs: '/bench/' });

let lighthouseVersion = 'unknown';
let chromiumVersion = 'unknown';
const pageLoad: VariantResult[] = [];
const clicks: ClickResult[] = [];
let measurementFailed = false;

try {
  console.log(`Regulars bench: ${pagePath}, ${runs} runs per case${comparison ? `, comparing ${COMPARISON.package} ${comparison.version}` : ''}`);
  if (!comparison) console.log(ABSENT_NOTE);
  await warmUp(bench.url, [...variants.map(({ variant }) => variantPath(variant)), ...sizes.map((size) => `/dist/${size.file}`)]);

  const collected = new Map<Variant, { runs: PageRun[]; failures: string[] }>(variants.map(({ variant }) => [variant, { runs: [], failures: [] }]));
  // Interleaved, so a slow spell of the machine hits every variant alike.
  for (let round = 1; round <= runs; round += 1) {
    for (const { variant, theirs } of variants) {
      const slot = collected.get(variant)!;
      const url = new URL(variantPath(variant), bench.url).href;
      const isTheirs = (candidate: string) => isServedUnder(candidate, theirs);
      for (let attempt = 1; attempt <= 2; attempt += 1) {
        if (overdue()) {
          slot.failures.push(OVERDUE);
          break;
        }
        const since = Date.now();
        try {
          const run = await runLighthouse(url, isTheirs);
          slot.runs.push(run);
          console.log(
            `  lighthouse ${round}/${runs} ${variant.padEnd(10)} TBT ${Math.round(run.tbt)} ms, CLS ${run.cls.toFixed(3)}, LCP ${Math.round(run.lcp)} ms, ` +
              `JS ${(run.jsBytes / 1024).toFixed(1)} KB, long tasks ${run.longTasks.length} (${seconds(since)})`,
          );
          break;
        } catch (error) {
          console.log(`  lighthouse ${round}/${runs} ${variant} failed (attempt ${attempt}): ${String(error)}`);
          if (attempt === 2) slot.failures.push(String(error));
        }
      }
    }
  }
  lighthouseVersion = (JSON.parse(readFileSync(`${root}node_modules/lighthouse/package.json`, 'utf8')) as { version: string }).version;
  for (const { variant, label, theirs } of variants) {
    const { runs: done, failures } = collected.get(variant)!;
    if (done.length < runs) measurementFailed = true;
    pageLoad.push(summarizeVariant(variant, label, done, failures, (candidate) => isServedUnder(candidate, theirs)));
  }

  const browser = await launchBrowser();
  chromiumVersion = browser.version();
  try {
    const targets: [OpenTarget, string][] = [
      [chatTarget(variantPath('with')), 'Regulars chat'],
      [wheelTarget(variantPath('with')), 'Regulars loyalty wheel'],
    ];
    if (comparison) targets.push([spinWheelTarget(variantPath('spin-wheel')), `spin-wheel ${comparison.version}`]);
    for (const [target, label] of targets) {
      const result: ClickResult = { name: target.name, label, cold: { runs: [], failures: [], median: Number.NaN }, warm: { runs: [], failures: [], median: Number.NaN } };
      for (const cache of ['cold', 'warm'] as CacheState[]) {
        const side = result[cache];
        for (let round = 1; round <= runs; round += 1) {
          if (overdue()) {
            side.failures.push(OVERDUE);
            continue;
          }
          try {
            side.runs.push(await measureOpen(browser, bench.url, target, cache));
          } catch (error) {
            side.failures.push(String(error));
          }
        }
        side.median = median(side.runs);
        if (side.runs.length < runs) measurementFailed = true;
        console.log(`  click ${target.name} ${cache}: ${side.runs.map((ms) => Math.round(ms)).join(', ')} ms${side.failures.length ? `; ${side.failures.length} failed: ${side.failures[0]}` : ''}`);
      }
      clicks.push(result);
    }
  } finally {
    await browser.close();
  }
} finally {
  await bench.close();
  await demo.close();
  rmSync(servedRoot, { recursive: true, force: true });
}

const without = pageLoad.find((result) => result.variant === 'without')!;
const withRegulars = pageLoad.find((result) => result.variant === 'with')!;
const budgets = checkBudgets({
  loaderBrotli: weight.loader.brotli,
  everythingBrotli: weight.everything.brotli,
  tbtDeltaMs: withRegulars.median.tbt - without.median.tbt,
  clsDelta: withRegulars.median.cls - without.median.cls,
  bundleLongTaskMs: withRegulars.median.theirLongestTask,
});
const comparisonBrotli = comparison
  ? brotliCompressSync(readFileSync(`${comparison.dir}/dist/spin-wheel-iife.js`), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
  : null;
const results: BenchResults = {
  date: new Date().toISOString(),
  page: pagePath,
  runsPerVariant: runs,
  environment: { node: process.version, chromium: chromiumVersion, lighthouse: lighthouseVersion, cpus: cpus().length },
  sizes: {
    files: sizes,
    loader: weight.loader,
    everything: weight.everything,
    locales: weight.locales,
    warnings: weight.warnings,
    wheelAlone: { files: wheelAlone, brotli: wheelAlone.reduce((sum, file) => sum + (byFile.get(file) ?? 0), 0) },
  },
  comparison: {
    package: COMPARISON.package,
    version: comparison?.version ?? null,
    present: comparison !== null,
    brotli: comparisonBrotli,
    note: comparison
      ? 'its IIFE build behind a launcher button and a native dialog, loaded at page load as its README shows; it draws the wheel, nothing more (no email, no endpoint, no prize logic)'
      : ABSENT_NOTE,
  },
  pageLoad,
  clicks,
  budgets,
  pass: budgets.every((budget) => budget.pass) && !measurementFailed,
};

writeFileSync(`${root}bench/results.json`, JSON.stringify(results, null, 2) + '\n');
writeFileSync(`${root}bench/results.md`, markdownReport(results));

console.log('');
console.log(textTable(pageLoadTable(results.pageLoad)));
console.log('');
console.log(textTable(clickTable(results.clicks)));
console.log('');
console.log(comparisonLines(results).join('\n'));
console.log('');
console.log(textTable(sizeTable(results)));
console.log('');
console.log(textTable(budgetTable(results.budgets)));
if (withRegulars.theirLongTaskUrls.length) console.log(`long tasks attributed to the bundle came from: ${withRegulars.theirLongTaskUrls.join(', ')}`);
if (measurementFailed) console.log('Some measurements failed (see above): the bench does not pass without them.');
console.log(`\nWrote bench/results.json and bench/results.md in ${seconds(started)}. ${results.pass ? 'Every budget is met.' : 'Budgets exceeded or measurements missing: exit 1.'}`);
process.exit(results.pass ? 0 : 1);
