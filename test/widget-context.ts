import { vi } from 'vitest';
import { resolveConfig } from '../src/widgets/host/config';
import { createEndpointClient } from '../src/core/endpoint';
import { createProductHistory, recordView } from '../src/core/history';
import { withTexts } from '../src/core/messages';
import { createWidgetHost } from '../src/core/mount';
import { createStorage, type RuntimeStorage } from '../src/core/storage';
import { createModalBudget } from '../src/core/triggers';
import { createWidgetContext } from '../src/core/widget-context';
import type { Identity, MountReason, Product, RegularsConfig, VisitInfo, WidgetContext, WidgetName } from '../src/types';

/** A Fetch handler standing in for the merchant endpoint: the reference handler, or one that fails on purpose. */
export type TestEndpoint = (request: Request) => Response | Promise<Response>;

/** What a component test gets: a real context plus what the widget did to the outside world. */
export interface TestContext {
  context: WidgetContext;
  storage: RuntimeStorage;
  tracked: { type: string; data?: Record<string, unknown>; product?: Product }[];
  emitted: { name: string; detail: unknown }[];
  warnings: string[];
  /** Every request the widget sent to the endpoint, in order. */
  requests: Request[];
  /** Records products as viewed, oldest first, as the tracker would. */
  view(...products: Product[]): Promise<void>;
  setIdentity(identity: Partial<Identity>): void;
  setVisit(visit: Partial<VisitInfo>): void;
  /** The product the current page shows. */
  setCurrent(product: Product | null): void;
}

let databaseCounter = 0;

/**
 * Builds a real widget context for component tests: real storage (fake-indexeddb), real caps and
 * modal budget, and a real endpoint client whose `fetch` is routed to `endpoint` in-process.
 */
export async function createTestContext(
  name: WidgetName,
  options: { config?: RegularsConfig; endpoint?: TestEndpoint | null; slot?: Element | null; now?: () => number; reason?: MountReason } = {},
): Promise<TestContext> {
  const warnings: string[] = [];
  const report = (field: string, problem: string, fix: string) => void warnings.push(`${field}: ${problem}. ${fix}`);
  const config = resolveConfig({ endpoint: 'https://shop.example/regulars', ...options.config }, 'https://shop.example/', 'en', report);
  const storage = createStorage({ channelName: `regulars-test-${++databaseCounter}` });
  await storage.wipe();
  const now = options.now ?? Date.now;
  const retentionMs = config.retentionDays * 86_400_000;
  const requests: Request[] = [];
  const tracked: TestContext['tracked'] = [];
  const emitted: TestContext['emitted'] = [];
  let identity: Identity = { shopper: 'shopper-test-1' };
  let visit: VisitInfo = { count: 2, pages: 3, productViews: 3, landedFromSearch: false, firstPage: false, startedAt: now() };
  let current: Product | null = null;

  if (options.endpoint !== null) {
    const handler = options.endpoint ?? (() => new Response(null, { status: 404 }));
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      requests.push(request.clone());
      return handler(request);
    });
  }

  const place = createWidgetHost(name, config.theme, options.slot, config.locale);
  const context = createWidgetContext(
    {
      config,
      storage,
      endpoint: config.endpoint && options.endpoint !== null ? createEndpointClient(config.endpoint, () => identity) : null,
      history: createProductHistory(storage, retentionMs, () => current, now),
      modal: createModalBudget(),
      identity: () => identity,
      visit: () => visit,
      track: (type, data, product) => void tracked.push({ type, data, product }),
      emit: (eventName, detail) => void emitted.push({ name: eventName, detail }),
      warn: withTexts(report),
      now,
    },
    name,
    place,
    options.reason ?? 'page',
  );

  return {
    context,
    storage,
    tracked,
    emitted,
    warnings,
    requests,
    async view(...products) {
      let at = now() - products.length * 1000;
      for (const product of products) await recordView(storage, product, (at += 1000), retentionMs);
    },
    setIdentity: (next) => void (identity = { ...identity, ...next }),
    setVisit: (next) => void (visit = { ...visit, ...next }),
    setCurrent: (product) => void (current = product),
  };
}
