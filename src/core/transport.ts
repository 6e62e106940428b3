import type { Identity, KeyValueStore, RegularsEvent } from '../types';
import { endpointUrl, parseRetryAfter } from './endpoint';
import { stringify } from './json';

/** The storage key of the persisted outbox. */
export const OUTBOX_KEY = 'outbox';
/** The most events one `POST /events` carries (the contract's limit). */
export const BATCH_SIZE = 50;
/** The most bytes of JSON one `POST /events` carries (the reference endpoint accepts 64 KB). */
export const BATCH_BYTES = 60_000;
/** The most events the outbox keeps; the oldest go first beyond it. */
export const OUTBOX_LIMIT = 500;

/** The event queue behind `track`: persisted, batched, retried, delivered once per event id. */
export interface Transport {
  enqueue(event: RegularsEvent): Promise<void>;
  /** Sends what is queued now (unless paused or backing off). */
  flush(): Promise<void>;
  /** Pauses (consent not given) or resumes sending. */
  setPaused(paused: boolean): void;
  stop(): void;
}

/** What the transport needs from its surroundings; injected so tests control time and randomness. */
export interface TransportOptions {
  endpoint: string | null;
  storage: KeyValueStore;
  retentionMs: number;
  paused: boolean;
  /** The shopper's identity now: a batch vouches for `customer` with `identityHash` once both are known. */
  identity?: () => Identity;
  now?: () => number;
  random?: () => number;
  /** Schedules background work; defaults to requestIdleCallback with a timeout. */
  schedule?: (task: () => void, delayMs: number) => () => void;
}

/** The wait before retry number `attempt` (1-based): exponential, capped at 5 minutes, with full jitter over its upper half. */
export function backoffDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(300_000, 1000 * 2 ** Math.min(attempt - 1, 12));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Whether a failed status is worth retrying: server errors, timeouts and rate limits are; other client errors are not. */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** The oldest events that fit one request: at most `BATCH_SIZE` of them and `BATCH_BYTES` of JSON. */
export function takeBatch(events: RegularsEvent[]): RegularsEvent[] {
  const batch: RegularsEvent[] = [];
  let bytes = 20;
  for (const event of events.slice(0, BATCH_SIZE)) {
    bytes += stringify(event).length + 1;
    if (batch.length && bytes > BATCH_BYTES) break;
    batch.push(event);
  }
  return batch;
}

function defaultSchedule(task: () => void, delayMs: number): () => void {
  let idle: number | undefined;
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(task, { timeout: 2000 });
    else task();
  }, delayMs);
  return () => {
    clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}

/**
 * Creates the transport. Events stay in the outbox until the endpoint answered 2xx for them,
 * so an outage, a reload or a closed tab loses nothing; retries reuse each event's id and the
 * endpoint ignores ids it has seen, so every event counts exactly once.
 */
export function createTransport(options: TransportOptions): Transport {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const schedule = options.schedule ?? defaultSchedule;
  const { storage, endpoint } = options;
  let paused = options.paused;
  let stopped = false;
  let sending = false;
  let attempt = 0;
  let notBefore = 0;
  let cancelScheduled: (() => void) | null = null;
  // The last outbox seen, so pagehide can send synchronously: an IndexedDB read may not finish before unload.
  let pending: RegularsEvent[] = [];
  // Events whose IndexedDB write has not finished yet: a click that navigates away unloads the page
  // before the write commits, so pagehide must send these from memory or they are lost.
  const unsaved = new Map<string, RegularsEvent>();

  const fresh = (events: RegularsEvent[] | undefined) =>
    (events ?? []).filter((event) => now() - Date.parse(event.at) < options.retentionMs).slice(-OUTBOX_LIMIT);
  /** Writes the outbox and remembers what it now holds. */
  const rewrite = (change: (events: RegularsEvent[]) => RegularsEvent[]) =>
    storage.update<RegularsEvent[]>(OUTBOX_KEY, (events) => change(fresh(events))).then((next) => void (pending = next));

  function plan(delayMs: number): void {
    if (stopped || paused || !endpoint) return;
    cancelScheduled?.();
    cancelScheduled = schedule(() => {
      cancelScheduled = null;
      void flush();
    }, delayMs);
  }

  async function post(batch: RegularsEvent[], keepalive: boolean): Promise<Response> {
    // Once per batch, read at send time: the hash never sits in the outbox, and bytes matter on every page.
    // `identify` does not check the hash, and a malformed one would get the whole batch refused, so only a plausible one goes.
    const { customer, identityHash } = options.identity?.() ?? {};
    const vouched = customer && typeof identityHash == 'string' && identityHash.length <= 128;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 15_000);
    try {
      return await fetch(endpointUrl(endpoint!, '/events'), {
        method: 'POST',
        credentials: 'omit',
        keepalive,
        signal: keepalive ? undefined : controller.signal,
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
        body: stringify({ events: batch, identity: vouched ? { customer, identityHash } : undefined }),
      });
    } finally {
      clearTimeout(timer);
    }
  }

  async function flush(): Promise<void> {
    if (stopped || paused || !endpoint || sending || now() < notBefore) return;
    sending = true;
    try {
      for (;;) {
        pending = fresh(await storage.get<RegularsEvent[]>(OUTBOX_KEY));
        if (stopped || paused) return;
        const batch = takeBatch(pending);
        if (!batch.length) return;
        let done = false;
        let retryAfter: number | undefined;
        try {
          const { status, headers } = await post(batch, false);
          retryAfter = parseRetryAfter(headers.get('Retry-After'), now());
          // Only the endpoint's own answers end a batch: 204, or a refusal for good with the contract's JSON error
          // body. A captive portal's, a firewall's or a CDN's page says nothing about the events, whatever its status.
          done = status === 204 || (status >= 400 && !isRetryable(status) && /json/.test(headers.get('Content-Type') ?? ''));
        } catch {
          // A network error or a timeout: retried.
        }
        if (done) {
          // Delivered, or refused for good (a 4xx the endpoint will never accept): either way done with it.
          const sent = new Set(batch.map((event) => event.id));
          await rewrite((events) => events.filter((e) => !sent.has(e.id)));
          attempt = 0;
          continue;
        }
        attempt += 1;
        const wait = Math.max(backoffDelay(attempt, random), (retryAfter ?? 0) - now());
        notBefore = now() + wait;
        plan(wait);
        return;
      }
    } finally {
      sending = false;
    }
  }

  function onPageHide(): void {
    if (paused || !endpoint) return;
    // The page may be gone before an idle callback runs; a keepalive request outlives it.
    // What it carries stays queued until confirmed, and the endpoint ignores repeats.
    const queued = new Set(pending.map((event) => event.id));
    const batch = takeBatch(fresh([...pending, ...[...unsaved.values()].filter((event) => !queued.has(event.id))]));
    if (batch.length) post(batch, true).catch(() => undefined);
  }

  const onVisibility = () => {
    if (document.visibilityState === 'hidden') onPageHide();
  };
  addEventListener('pagehide', onPageHide);
  document.addEventListener('visibilitychange', onVisibility);
  const onOnline = () => {
    notBefore = 0;
    plan(0);
  };
  addEventListener('online', onOnline);

  return {
    async enqueue(event) {
      unsaved.set(event.id, event);
      try {
        await rewrite((events) => [...events, event].slice(-OUTBOX_LIMIT));
      } finally {
        unsaved.delete(event.id);
      }
      if (!sending && now() >= notBefore) plan(200);
    },
    flush,
    setPaused(value) {
      paused = value;
      if (!paused) plan(0);
      else cancelScheduled?.();
    },
    stop() {
      stopped = true;
      cancelScheduled?.();
      removeEventListener('pagehide', onPageHide);
      removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
