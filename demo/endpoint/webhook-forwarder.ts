/**
 * Sends queued events to the merchant's webhook URL: batches of up to 50 as
 * `{ "events": [...] }`, signed (see webhook-signature.ts), retried with exponential backoff and
 * jitter until the URL answers 2xx, honouring a longer `Retry-After`. Delivery is at least once:
 * a receiver keeps each event id once, as the endpoint itself does.
 */
import type { Log } from './json-log';
import type { StoredEvent } from './store';
import type { WebhookQueue } from './webhook-queue';
import { SIGNATURE_HEADER, signWebhookBody } from './webhook-signature';

/** Options of the forwarder. */
export interface WebhookForwarderOptions {
  url: string;
  secret: string;
  queue: WebhookQueue;
  /** Events per request (default 50). */
  batchSize?: number;
  /** How long a claimed batch is reserved for one attempt; a sender that dies leaves it due after this (default 60 s). */
  leaseMs?: number;
  /** How long one request may take (default 10 s). */
  timeoutMs?: number;
  /** Attempts before an event is given up (default 30: about a day of retries). */
  maxAttempts?: number;
  /** First retry delay, doubled per attempt (default 1 s) up to `maxBackoffMs` (default 1 h). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How often to look for due events when nothing woke the sender (default 1 s). */
  pollMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  /** Structured log of deliveries and failures (never the body or the secret). */
  log?: Log;
}

/** A running forwarder. */
export interface WebhookForwarder {
  /** Starts the send loop. */
  start(): void;
  /** Looks for due events now instead of at the next poll. */
  wake(): void;
  /** Sends one batch of due events if there is one; answers how many it tried and whether they went through. */
  sendDue(): Promise<{ tried: number; delivered: boolean }>;
  /** Stops the loop for good after the current attempt (an attempt cut short is made due again at once). */
  stop(): Promise<void>;
}

/** The delay before attempt `attempts + 1`: doubling from `base`, capped, with full jitter over its upper half. */
export function backoffDelay(attempts: number, base: number, cap: number, random: () => number): number {
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The JSON body of one delivery: the events as stored, `receivedAt` included. */
export function webhookBody(events: readonly StoredEvent[]): string {
  return JSON.stringify({ events });
}

/** Creates a forwarder; nothing is sent until `start()` or `sendDue()`. */
export function createWebhookForwarder(options: WebhookForwarderOptions): WebhookForwarder {
  const batchSize = options.batchSize ?? 50;
  const leaseMs = options.leaseMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? 30;
  const backoffMs = options.backoffMs ?? 1_000;
  const maxBackoffMs = options.maxBackoffMs ?? 3_600_000;
  const pollMs = options.pollMs ?? 1_000;
  const send = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => undefined);

  let running = false;
  let stopped = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;
  const stopping = new AbortController();

  async function deliver(events: readonly StoredEvent[]): Promise<{ ok: true } | { ok: false; reason: string; retryAfter: number | null }> {
    const body = webhookBody(events);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Regulars-Webhook/1',
      [SIGNATURE_HEADER]: await signWebhookBody(options.secret, body, Math.floor(now() / 1000)),
    };
    try {
      const response = await send(options.url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), stopping.signal]),
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.ok) return { ok: true };
      return { ok: false, reason: `HTTP ${response.status}`, retryAfter: retryAfterMs(response.headers.get('retry-after'), now()) };
    } catch (error) {
      const reason = stopping.signal.aborted ? 'stopped' : error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'network error';
      return { ok: false, reason, retryAfter: null };
    }
  }

  async function sendDue(): Promise<{ tried: number; delivered: boolean }> {
    const started = now();
    const claimed = await options.queue.claim(started, batchSize, started + leaseMs);
    if (claimed.length === 0) return { tried: 0, delivered: false };
    const ids = claimed.map((item) => item.event.id);
    const result = await deliver(claimed.map((item) => item.event));
    if (result.ok) {
      await options.queue.complete(ids);
      log({ level: 'info', msg: 'webhook delivered', events: ids.length, ms: now() - started });
      return { tried: ids.length, delivered: true };
    }
    if (result.reason === 'stopped') {
      // Cut short by shutdown: due again at once for the next start instead of after the lease.
      await options.queue.retryAt(ids, now(), result.reason);
      return { tried: ids.length, delivered: false };
    }
    const attempts = Math.max(...claimed.map((item) => item.attempts));
    const exhausted = claimed.filter((item) => item.attempts >= maxAttempts).map((item) => item.event.id);
    const again = ids.filter((id) => !exhausted.includes(id));
    const delay = Math.max(backoffDelay(attempts, backoffMs, maxBackoffMs, random), result.retryAfter ?? 0);
    await options.queue.retryAt(again, now() + delay, result.reason);
    await options.queue.giveUp(exhausted, result.reason, now());
    log({ level: exhausted.length > 0 ? 'error' : 'warn', msg: 'webhook failed', reason: result.reason, events: ids.length, attempts, retryInMs: delay, gaveUp: exhausted.length });
    return { tried: ids.length, delivered: false };
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function run(): Promise<void> {
    while (running) {
      let delivered = false;
      try {
        delivered = (await sendDue()).delivered;
      } catch (error) {
        // The database is unreachable for a moment: the rows stay queued; try again at the next poll.
        log({ level: 'warn', msg: 'webhook queue unavailable', error: error instanceof Error ? error.name : 'Error' });
      }
      // Straight on while deliveries succeed; after a failure (or with nothing due) wait, so a receiver that is down is not hammered.
      if (running && !delivered) await pause(pollMs);
    }
  }

  return {
    start() {
      if (running || stopped) return;
      running = true;
      loop = run();
    },
    wake() {
      wakeUp?.();
    },
    sendDue,
    async stop() {
      stopped = true;
      running = false;
      stopping.abort();
      wakeUp?.();
      await loop;
      loop = null;
    },
  };
}
