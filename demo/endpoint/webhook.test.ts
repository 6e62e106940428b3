// @vitest-environment node
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { openPglite } from './pglite-client';
import { useMigratedPglite } from './migrated-pglite';
import { createSqlStore } from './sql-store';
import type { StoredEvent } from './store';
import { makeEvent } from './testing';
import { backoffDelay, createWebhookForwarder, type WebhookForwarderOptions } from './webhook-forwarder';
import { startReceiver, useReceiverPerTest } from './webhook-receiver';
import { createSqlWebhookQueue } from './webhook-queue';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature';

const SECRET = 'whsec-test-0123456789abcdef';

/** How a merchant verifies a delivery with nothing but node:crypto (the recipe in docs/endpoint.md). */
function merchantVerifies(secret: string, header: string, rawBody: string, nowSeconds = Date.now() / 1000): boolean {
  const parts = new Map(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(parts.get('t'));
  if (!Number.isFinite(timestamp) || Math.abs(nowSeconds - timestamp) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest();
  const given = Buffer.from(parts.get('v1') ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('webhook signatures', () => {
  it('verify the exact body, secret and recent time they were made with', async () => {
    const body = JSON.stringify({ events: [makeEvent()] });
    const now = Date.now();
    const header = await signWebhookBody(SECRET, body, Math.floor(now / 1000));
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(await verifyWebhookSignature(SECRET, header, body, { now })).toBe(true);
    expect(merchantVerifies(SECRET, header, body, now / 1000)).toBe(true);
    expect(await verifyWebhookSignature(SECRET, header, `${body} `, { now })).toBe(false);
    expect(await verifyWebhookSignature('another-secret', header, body, { now })).toBe(false);
    expect(await verifyWebhookSignature(SECRET, header, body, { now: now + 301_000 })).toBe(false);
    expect(await verifyWebhookSignature(SECRET, null, body, { now })).toBe(false);
    expect(await verifyWebhookSignature(SECRET, 'v1=abc', body, { now })).toBe(false);
  });

  it('accept any of several v1 entries, so a secret can be rotated', async () => {
    const body = '{"events":[]}';
    const timestamp = Math.floor(Date.now() / 1000);
    const [, newSignature] = (await signWebhookBody('new-secret', body, timestamp)).split(',');
    const header = `t=${timestamp},v1=${'0'.repeat(64)},${newSignature}`;
    expect(await verifyWebhookSignature('new-secret', header, body)).toBe(true);
  });

  it('back off exponentially with jitter, capped', () => {
    expect(backoffDelay(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 60_000, () => 0.999_999)).toBe(1000);
    expect(backoffDelay(4, 1000, 60_000, () => 0.5)).toBe(6000);
    expect(backoffDelay(30, 1000, 60_000, () => 1)).toBe(60_000);
  });
});

const stored = (): StoredEvent => ({ ...makeEvent(), receivedAt: Date.now() });

describe('webhook forwarder', () => {
  const database = useMigratedPglite();
  const live = useReceiverPerTest(() => createSqlStore(database.client).reset());

  const forwarder = (overrides: Partial<WebhookForwarderOptions> = {}) =>
    createWebhookForwarder({ url: live.receiver.url, secret: SECRET, queue: createSqlWebhookQueue(database.client), backoffMs: 5, pollMs: 5, ...overrides });

  it('sends new events as signed batches of 50, oldest first, once each, and empties the queue', async () => {
    const store = createSqlStore(database.client, { forwardEvents: true });
    const events = Array.from({ length: 120 }, stored);
    await store.addEvents(events.slice(0, 50));
    await store.addEvents(events.slice(0, 50));
    await store.addEvents(events.slice(50));
    const sender = forwarder();
    const sizes: number[] = [];
    for (;;) {
      const { tried } = await sender.sendDue();
      if (tried === 0) break;
      sizes.push(tried);
    }
    expect(sizes).toEqual([50, 50, 20]);
    expect(live.receiver.received.flatMap((delivery) => delivery.events)).toEqual(events);
    for (const delivery of live.receiver.received) expect(merchantVerifies(SECRET, delivery.signature, delivery.body)).toBe(true);
    expect(await createSqlWebhookQueue(database.client).pending()).toBe(0);
  });

  it('retries with backoff until the receiver answers 2xx, then stops sending', async () => {
    const store = createSqlStore(database.client, { forwardEvents: true });
    const events = [stored(), stored()];
    await store.addEvents(events);
    let failures = 2;
    live.receiver.reply = (_, response) => {
      if (failures > 0) {
        failures -= 1;
        response.writeHead(500).end();
      } else {
        response.writeHead(200).end('ok');
      }
    };
    const sender = forwarder();
    sender.start();
    await expect.poll(() => live.receiver.received.length, { timeout: 15_000 }).toBe(3);
    // The receiver logs a delivery when it arrives; the sender dequeues once the 2xx is back. Stopping in between
    // would leave the queue as it was, so wait for the dequeue, not just the arrival.
    await expect.poll(() => createSqlWebhookQueue(database.client).pending(), { timeout: 15_000 }).toBe(0);
    await sender.stop();
    expect(live.receiver.received.map((delivery) => delivery.events.map((event) => event.id))).toEqual([0, 1, 2].map(() => events.map((event) => event.id)));
  });

  it('waits at least as long as Retry-After asks', async () => {
    await createSqlStore(database.client, { forwardEvents: true }).addEvents([stored()]);
    live.receiver.reply = (_, response) => response.writeHead(503, { 'retry-after': '120' }).end();
    const before = Date.now();
    expect(await forwarder().sendDue()).toEqual({ tried: 1, delivered: false });
    const [row] = await database.client.query<{ next_attempt_at: number; last_error: string }>('SELECT next_attempt_at, last_error FROM regulars_webhook_queue');
    expect(Number(row!.next_attempt_at)).toBeGreaterThanOrEqual(before + 120_000);
    expect(row!.last_error).toBe('HTTP 503');
  });

  it('gives up after the last attempt, keeping the row and the reason', async () => {
    await createSqlStore(database.client, { forwardEvents: true }).addEvents([stored()]);
    live.receiver.reply = (_, response) => response.writeHead(410).end();
    const sender = forwarder({ maxAttempts: 3, backoffMs: 1 });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await sender.sendDue();
    }
    expect(live.receiver.received).toHaveLength(3);
    expect(await createSqlWebhookQueue(database.client).pending()).toBe(0);
    expect(await database.client.query('SELECT event_id FROM regulars_webhook_queue WHERE next_attempt_at IS NULL AND last_error = $1', ['HTTP 410'])).toHaveLength(1);
  });

  it('makes a delivery cut short by stop() due again at once', async () => {
    await createSqlStore(database.client, { forwardEvents: true }).addEvents([stored()]);
    live.receiver.reply = () => undefined;
    const sender = forwarder({ timeoutMs: 30_000 });
    sender.start();
    await expect.poll(() => live.receiver.received.length, { timeout: 15_000 }).toBe(1);
    const before = Date.now();
    await sender.stop();
    const [row] = await database.client.query<{ next_attempt_at: number; last_error: string }>('SELECT next_attempt_at, last_error FROM regulars_webhook_queue');
    expect(row).toMatchObject({ last_error: 'stopped' });
    expect(Number(row!.next_attempt_at)).toBeLessThanOrEqual(Date.now());
    expect(Number(row!.next_attempt_at)).toBeGreaterThanOrEqual(before - 1);
  });
});

describe('webhook queue across restarts', () => {
  const sandbox = mkdtempSync(path.join(tmpdir(), 'regulars-webhook-'));

  afterAll(() => {
    rmSync(sandbox, { recursive: true, force: true });
  });

  it('delivers every event after a restart, including a batch whose sender died mid-delivery', async () => {
    const directory = path.join(sandbox, 'data');
    const receiver = await startReceiver();
    const events = Array.from({ length: 75 }, stored);

    const first = await openPglite(directory);
    await migrate(first);
    await createSqlStore(first, { forwardEvents: true }).addEvents(events);
    // A sender leases the first 50, then the process dies before it answers: nothing marks them sent.
    expect(await createSqlWebhookQueue(first).claim(Date.now(), 50, Date.now() + 200)).toHaveLength(50);
    await first.close();

    const second = await openPglite(directory);
    await migrate(second);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const sender = createWebhookForwarder({ url: receiver.url, secret: SECRET, queue: createSqlWebhookQueue(second), pollMs: 5 });
    sender.start();
    await expect.poll(() => receiver.received.flatMap((delivery) => delivery.events).length, { timeout: 10_000 }).toBe(75);
    await sender.stop();
    expect(new Set(receiver.received.flatMap((delivery) => delivery.events.map((event) => event.id)))).toEqual(new Set(events.map((event) => event.id)));
    expect(await createSqlWebhookQueue(second).pending()).toBe(0);
    await second.close();
    await receiver.close();
  }, 60_000);
});
