import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Identity, RegularsEvent } from '../types';
import { createStorage, type RuntimeStorage } from './storage';
import { BATCH_BYTES, backoffDelay, createTransport, isRetryable, OUTBOX_KEY, OUTBOX_LIMIT, takeBatch } from './transport';

let storage: RuntimeStorage;

let clock = Date.now();
let tasks: { due: number; task: () => void }[] = [];

/** Lets IndexedDB work (fake-indexeddb completes requests on macrotasks) and promise chains finish. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Moves the transport's clock forward, running its scheduled work in due order. */
async function advance(ms: number): Promise<void> {
  const target = clock + ms;
  for (;;) {
    await settle();
    const next = tasks.filter((entry) => entry.due <= target).sort((a, b) => a.due - b.due)[0];
    if (!next) break;
    tasks = tasks.filter((entry) => entry !== next);
    clock = next.due;
    next.task();
  }
  clock = target;
  await settle();
}

let counter = 0;
const DAY = 86_400_000;

function event(type = 'page_viewed', at = new Date(clock).toISOString()): RegularsEvent {
  return { id: `event-${++counter}`, type, at, shopper: 'shopper-1', page: { url: 'https://shop.example/', title: 'Shop', referrer: '' } };
}

/**
 * An endpoint that answers each POST /events with the next scripted status (then 204; errors with the contract's JSON body),
 * remembering what it accepted by id. With `page`, that status comes as an HTML page from something in between instead.
 */
function scriptedEndpoint(statuses: (number | 'network' | [number, string])[], page?: number) {
  const accepted = new Map<string, number>();
  const batches: RegularsEvent[][] = [];
  const bodies: { events: RegularsEvent[]; identity?: unknown }[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    expect(url).toBe('https://shop.example/regulars/events?v=1');
    expect(new Headers(init.headers).get('Content-Type')).toBe('text/plain;charset=UTF-8');
    const next = statuses.shift() ?? 204;
    if (next === 'network') throw new TypeError('Failed to fetch');
    const [status, retryAfter] = Array.isArray(next) ? next : [next, undefined];
    const body = JSON.parse(String(init.body)) as { events: RegularsEvent[]; identity?: unknown };
    const batch = body.events;
    bodies.push(body);
    batches.push(batch);
    if (status === 204) for (const item of batch) accepted.set(item.id, (accepted.get(item.id) ?? 0) + 1);
    const headers: Record<string, string> = retryAfter ? { 'Retry-After': retryAfter } : {};
    // Past the endpoint, a page (a captive portal's, a CDN's): any status, HTML body.
    if (typeof page === 'number' && page === status) return new Response('<h1>Sign in to the network</h1>', { status, headers: { ...headers, 'Content-Type': 'text/html' } });
    if (status === 204) return new Response(null, { status, headers });
    return Response.json({ error: { code: 'refused', message: 'Refused.' } }, { status, headers });
  });
  vi.stubGlobal('fetch', fetch);
  return { accepted, batches, bodies, fetch };
}

function transport(paused = false, identity?: () => Identity) {
  return createTransport({
    endpoint: 'https://shop.example/regulars',
    storage,
    retentionMs: 30 * DAY,
    paused,
    ...(identity ? { identity } : {}),
    random: () => 0.5,
    now: () => clock,
    schedule: (task, delay) => {
      const entry = { due: clock + delay, task };
      tasks.push(entry);
      return () => void (tasks = tasks.filter((item) => item !== entry));
    },
  });
}

describe('transport', () => {
  beforeEach(async () => {
    clock = Date.now();
    tasks = [];
    storage = createStorage({ channelName: `transport-${++counter}` });
    await storage.wipe();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('batches queued events into one request and empties the outbox on 2xx', async () => {
    const endpoint = scriptedEndpoint([]);
    const t = transport();
    await Promise.all([t.enqueue(event()), t.enqueue(event()), t.enqueue(event())]);
    await advance(500);
    expect(endpoint.batches).toHaveLength(1);
    expect(endpoint.batches[0]).toHaveLength(3);
    expect(await storage.get(OUTBOX_KEY)).toEqual([]);
    t.stop();
  });

  it('sends at most 50 events per request', async () => {
    const endpoint = scriptedEndpoint([]);
    const t = transport(true);
    for (let i = 0; i < 120; i += 1) await t.enqueue(event());
    t.setPaused(false);
    await advance(100);
    expect(endpoint.batches.map((batch) => batch.length)).toEqual([50, 50, 20]);
    t.stop();
  });

  it('retries an outage with exponential backoff and delivers every event exactly once', async () => {
    const endpoint = scriptedEndpoint(['network', 503, 'network']);
    const t = transport();
    await t.enqueue(event());
    await t.enqueue(event());
    await advance(200);
    expect(endpoint.fetch).toHaveBeenCalledTimes(1);
    // Backoff with random() = 0.5: 750 ms after the failure, then 1500 ms, then 3000 ms.
    await advance(749);
    expect(endpoint.fetch).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(endpoint.fetch).toHaveBeenCalledTimes(2);
    await advance(1500);
    expect(endpoint.fetch).toHaveBeenCalledTimes(3);
    await advance(3000);
    expect(endpoint.fetch).toHaveBeenCalledTimes(4);
    expect([...endpoint.accepted.values()]).toEqual([1, 1]);
    expect(new Set(endpoint.batches.flat().map((item) => item.id)).size).toBe(2);
    expect(await storage.get(OUTBOX_KEY)).toEqual([]);
    t.stop();
  });

  it('honours Retry-After when it asks for longer than the backoff', async () => {
    const endpoint = scriptedEndpoint([[429, '30']]);
    const t = transport();
    await t.enqueue(event());
    await advance(300);
    await advance(29_000);
    expect(endpoint.fetch).toHaveBeenCalledTimes(1);
    await advance(1_000);
    expect(endpoint.fetch).toHaveBeenCalledTimes(2);
    expect(endpoint.accepted.size).toBe(1);
    t.stop();
  });

  it('drops a batch the endpoint refuses for good (400) instead of retrying it forever', async () => {
    const endpoint = scriptedEndpoint([400]);
    const t = transport();
    await t.enqueue(event());
    await advance(60_000);
    expect(endpoint.fetch).toHaveBeenCalledTimes(1);
    expect(await storage.get(OUTBOX_KEY)).toEqual([]);
    t.stop();
  });

  it.each([200, 404, 403])('keeps a batch answered %i by a page that is not the endpoint\'s, and delivers it once the endpoint answers', async (status) => {
    const endpoint = scriptedEndpoint([status, status], status);
    const t = transport();
    await t.enqueue(event());
    await advance(200);
    expect(endpoint.fetch).toHaveBeenCalledTimes(1);
    expect(await storage.get(OUTBOX_KEY)).toHaveLength(1);
    await advance(60_000);
    expect(endpoint.fetch).toHaveBeenCalledTimes(3);
    expect([...endpoint.accepted.values()]).toEqual([1]);
    expect(await storage.get(OUTBOX_KEY)).toEqual([]);
    t.stop();
  });

  it('keeps the outbox across a reload: a new transport sends what the old one could not', async () => {
    scriptedEndpoint(['network']);
    const first = transport();
    await first.enqueue(event('product_viewed'));
    await advance(300);
    first.stop();
    const endpoint = scriptedEndpoint([]);
    const second = transport();
    await second.flush();
    await settle();
    expect(endpoint.batches.flat().map((item) => item.type)).toEqual(['product_viewed']);
    second.stop();
  });

  it('bounds the outbox and forgets events older than the retention period', async () => {
    scriptedEndpoint([]);
    const t = transport(true);
    await storage.set(OUTBOX_KEY, [event('old', new Date(clock - 31 * DAY).toISOString())]);
    for (let i = 0; i < OUTBOX_LIMIT + 5; i += 1) await t.enqueue(event());
    const outbox = (await storage.get<RegularsEvent[]>(OUTBOX_KEY))!;
    expect(outbox).toHaveLength(OUTBOX_LIMIT);
    expect(outbox.some((item) => item.type === 'old')).toBe(false);
    t.stop();
  });

  it('sends nothing while paused', async () => {
    const endpoint = scriptedEndpoint([]);
    const t = transport(true);
    await t.enqueue(event());
    await advance(10_000);
    expect(endpoint.fetch).not.toHaveBeenCalled();
    t.setPaused(false);
    await advance(10);
    expect(endpoint.fetch).toHaveBeenCalledTimes(1);
    t.stop();
  });

  it('sends the queue with keepalive when the page is hidden', async () => {
    const endpoint = scriptedEndpoint(['network']);
    const t = transport();
    await t.enqueue(event());
    await advance(300);
    dispatchEvent(new Event('pagehide'));
    await advance(0);
    expect(endpoint.fetch).toHaveBeenCalledTimes(2);
    expect(endpoint.fetch.mock.calls[1][1]).toMatchObject({ keepalive: true });
    t.stop();
  });
});

describe('transport identity', () => {
  const HASH = 'a'.repeat(64);

  beforeEach(async () => {
    clock = Date.now();
    tasks = [];
    storage = createStorage({ channelName: `transport-identity-${++counter}` });
    await storage.wipe();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('vouches for the customer once per batch, only when both the customer and its hash are known', async () => {
    const endpoint = scriptedEndpoint([]);
    let identity: Identity = { shopper: 'shopper-1' };
    const t = transport(false, () => identity);
    const sendOne = async () => {
      await t.enqueue({ ...event(), ...(identity.customer ? { customer: identity.customer } : {}) });
      await advance(500);
    };
    await sendOne();
    identity = { shopper: 'shopper-1', customer: 'c-1' };
    await sendOne();
    identity = { shopper: 'shopper-1', customer: 'c-1', identityHash: HASH };
    await t.enqueue({ ...event(), customer: 'c-1' });
    await t.enqueue({ ...event(), customer: 'c-1' });
    await advance(500);
    expect(endpoint.bodies.map((body) => 'identity' in body)).toEqual([false, false, true]);
    expect(endpoint.bodies[2]).toEqual({ events: expect.any(Array), identity: { customer: 'c-1', identityHash: HASH } });
    expect(endpoint.bodies[2].events).toHaveLength(2);
    // The hash travels beside the batch, never inside an event nor in the outbox.
    expect(JSON.stringify(endpoint.bodies.map((body) => body.events))).not.toContain(HASH);
    t.stop();
  });

  it('leaves out a hash the endpoint would refuse, so the batch is still accepted', async () => {
    const endpoint = scriptedEndpoint([]);
    let identity = { shopper: 'shopper-1', customer: 'c-1', identityHash: 'x'.repeat(129) } as Identity;
    const t = transport(false, () => identity);
    await t.enqueue({ ...event(), customer: 'c-1' });
    await advance(500);
    identity = { shopper: 'shopper-1', customer: 'c-1', identityHash: 42 as unknown as string };
    await t.enqueue({ ...event(), customer: 'c-1' });
    await advance(500);
    expect(endpoint.bodies).toHaveLength(2);
    expect(endpoint.bodies.some((body) => 'identity' in body)).toBe(false);
    t.stop();
  });

  it('carries the identity on the keepalive send when the page is hidden', async () => {
    const endpoint = scriptedEndpoint(['network']);
    const t = transport(false, () => ({ shopper: 'shopper-1', customer: 'c-1', identityHash: HASH }));
    await t.enqueue({ ...event(), customer: 'c-1' });
    await advance(300);
    dispatchEvent(new Event('pagehide'));
    await advance(0);
    expect(endpoint.fetch.mock.calls[1][1]).toMatchObject({ keepalive: true });
    // The first attempt failed before the endpoint read it: the keepalive copy is the only body received.
    expect(endpoint.bodies).toEqual([{ events: [expect.objectContaining({ customer: 'c-1' })], identity: { customer: 'c-1', identityHash: HASH } }]);
    t.stop();
  });
});

describe('retry policy', () => {
  it('retries network errors, timeouts, rate limits and server errors only', () => {
    expect([0, 408, 429, 500, 503].every(isRetryable)).toBe(true);
    expect([400, 401, 404, 413, 422].some(isRetryable)).toBe(false);
  });

  it('grows exponentially, jitters, and caps at five minutes', () => {
    expect(backoffDelay(1, () => 0)).toBe(500);
    expect(backoffDelay(1, () => 1)).toBe(1000);
    expect(backoffDelay(4, () => 0.5)).toBe(6000);
    expect(backoffDelay(30, () => 1)).toBe(300_000);
  });
});

describe('transport on page exit', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends an event whose IndexedDB write has not finished when the page is hidden', async () => {
    const sent: RegularsEvent[] = [];
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init: RequestInit) => {
      sent.push(...(JSON.parse(String(init.body)) as { events: RegularsEvent[] }).events);
      return new Response(null, { status: 204 });
    }));
    const slow = createStorage({ channelName: 'transport-exit' });
    await slow.wipe();
    const t = createTransport({ endpoint: 'https://shop.example/regulars', storage: slow, retentionMs: DAY, paused: false, schedule: () => () => undefined });
    const pendingWrite = t.enqueue(event('recently_viewed_clicked'));
    // The click navigates away before the write commits.
    dispatchEvent(new Event('pagehide'));
    expect(sent.map((item) => item.type)).toEqual(['recently_viewed_clicked']);
    await pendingWrite;
    t.stop();
  });
});

describe('batch size', () => {
  it('splits by bytes as well as by count, so no request is refused for its size', () => {
    const big = (n: number): RegularsEvent => ({ ...event(), id: `big-${n}`, data: { note: 'x'.repeat(7000) } });
    const events = Array.from({ length: 20 }, (_, n) => big(n));
    const first = takeBatch(events);
    expect(first.length).toBeLessThan(20);
    expect(JSON.stringify({ events: first }).length).toBeLessThanOrEqual(BATCH_BYTES);
    expect(takeBatch([big(1)])).toHaveLength(1);
  });
});

describe('page exit after delivery', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('does not send again on pagehide what the endpoint already accepted', async () => {
    const sent: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init: RequestInit) => {
      sent.push(...(JSON.parse(String(init.body)) as { events: RegularsEvent[] }).events.map((item) => item.id));
      return new Response(null, { status: 204 });
    }));
    const store = createStorage({ channelName: 'transport-delivered' });
    await store.wipe();
    const t = createTransport({ endpoint: 'https://shop.example/regulars', storage: store, retentionMs: DAY, paused: false, schedule: () => () => undefined });
    await t.enqueue(event());
    await t.flush();
    expect(sent).toHaveLength(1);
    dispatchEvent(new Event('pagehide'));
    expect(sent).toHaveLength(1);
    t.stop();
  });
});
