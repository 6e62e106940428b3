// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { useMigratedPglite } from './migrated-pglite';
import { createSqlStore } from './sql-store';
import type { StoredEvent } from './store';
import { makeEvent } from './testing';
import { createWebhookForwarder, type WebhookForwarderOptions } from './webhook-forwarder';
import { createSqlWebhookQueue } from './webhook-queue';
import { useReceiverPerTest } from './webhook-receiver';
import { verifyWebhookSignature } from './webhook-signature';

const SECRET = 'whsec-test-0123456789abcdef';
const NOV_1 = Date.parse('2026-11-01T00:00:00.000Z');
const HOUR = 3_600_000;

const stored = (): StoredEvent => ({ ...makeEvent(), receivedAt: Date.now() });

describe('given-up webhook deliveries', () => {
  const database = useMigratedPglite();
  const live = useReceiverPerTest(() => createSqlStore(database.client).reset());

  const queue = () => createSqlWebhookQueue(database.client);
  const forwarder = (overrides: Partial<WebhookForwarderOptions> = {}) =>
    createWebhookForwarder({ url: live.receiver.url, secret: SECRET, queue: queue(), backoffMs: 1, pollMs: 5, ...overrides });

  /** Stores `events` queued for the webhook, as the endpoint does, at `receivedAt` (the queue's clock). */
  async function queueEvents(events: StoredEvent[], receivedAt = Date.now()): Promise<void> {
    await createSqlStore(database.client, { forwardEvents: true, now: () => receivedAt }).addEvents(events);
  }

  /** Sends until nothing is due, so a receiver that keeps refusing makes the forwarder give up. */
  async function sendUntilIdle(sender: ReturnType<typeof forwarder>): Promise<void> {
    for (let round = 0; round < 20; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await sender.sendDue();
      if ((await queue().pending()) === 0) return;
    }
    throw new Error('the queue never emptied');
  }

  async function queueRows(): Promise<Array<{ event_id: string; attempts: number; next_attempt_at: unknown; given_up_at: unknown; last_error: string | null }>> {
    return database.client.query('SELECT event_id, attempts, next_attempt_at, given_up_at, last_error FROM regulars_webhook_queue ORDER BY created_at, event_id');
  }

  it('are counted with when they were received and given up, and the latest reason; pending ones are not', async () => {
    expect(await queue().givenUp()).toEqual({ count: 0, oldestReceivedAt: null, newestReceivedAt: null, firstGivenUpAt: null, lastGivenUpAt: null, lastError: null });
    const [early, late, pending] = [stored(), stored(), stored()];
    await queueEvents([early!], NOV_1);
    await queueEvents([late!], NOV_1 + HOUR);
    await queueEvents([pending!], NOV_1 + 2 * HOUR);
    await queue().giveUp([early!.id], 'HTTP 410', NOV_1 + 24 * HOUR);
    await queue().giveUp([late!.id], 'timed out', NOV_1 + 25 * HOUR);

    expect(await queue().givenUp()).toEqual({
      count: 2,
      oldestReceivedAt: NOV_1,
      newestReceivedAt: NOV_1 + HOUR,
      firstGivenUpAt: NOV_1 + 24 * HOUR,
      lastGivenUpAt: NOV_1 + 25 * HOUR,
      lastError: 'timed out',
    });
    expect(await queue().pending()).toBe(1);
  });

  it('are given up by the forwarder with the time, and once resent reach the receiver again: once, in order, signed, same ids', async () => {
    const events = [stored(), stored(), stored()];
    await queueEvents(events);
    live.receiver.reply = (_, response) => response.writeHead(410).end();
    const before = Date.now();
    await sendUntilIdle(forwarder({ maxAttempts: 2 }));
    expect(live.receiver.received).toHaveLength(2);
    const givenUp = await queue().givenUp();
    expect(givenUp).toMatchObject({ count: 3, lastError: 'HTTP 410' });
    expect(givenUp.lastGivenUpAt).toBeGreaterThanOrEqual(before);

    expect(await queue().resend()).toBe(3);
    expect(await queue().givenUp()).toMatchObject({ count: 0 });
    expect(await queue().pending()).toBe(3);
    expect((await queueRows()).map((row) => [row.attempts, row.given_up_at, row.last_error])).toEqual([0, 1, 2].map(() => [0, null, null]));

    live.receiver.received.length = 0;
    live.receiver.reply = (_, response) => response.writeHead(204).end();
    const sender = forwarder({ maxAttempts: 2 });
    sender.start();
    await expect.poll(() => live.receiver.received.length, { timeout: 10_000 }).toBe(1);
    await expect.poll(async () => (await queueRows()).length, { timeout: 10_000 }).toBe(0);
    await sender.stop();
    const [delivery] = live.receiver.received;
    expect(delivery!.events.map((event) => event.id)).toEqual(events.map((event) => event.id));
    expect(await verifyWebhookSignature(SECRET, delivery!.signature, delivery!.body)).toBe(true);
  });

  it('go out before newer queued events, as they would have', async () => {
    const old = stored();
    const fresh = stored();
    await queueEvents([old], NOV_1);
    await queue().giveUp([old.id], 'HTTP 500', NOV_1 + HOUR);
    await queueEvents([fresh], NOV_1 + 2 * HOUR);
    expect(await queue().resend()).toBe(1);
    const oneAtATime = forwarder({ batchSize: 1 });
    await oneAtATime.sendDue();
    await oneAtATime.sendDue();
    expect(live.receiver.received.map((delivery) => delivery.events.map((event) => event.id))).toEqual([[old.id], [fresh.id]]);
  });

  it('resent with a time are only those given up at or after it', async () => {
    const [before, at, after] = [stored(), stored(), stored()];
    await queueEvents([before!, at!, after!], NOV_1);
    await queue().giveUp([before!.id], 'HTTP 410', NOV_1 + HOUR - 1);
    await queue().giveUp([at!.id], 'HTTP 410', NOV_1 + HOUR);
    await queue().giveUp([after!.id], 'HTTP 503', NOV_1 + 2 * HOUR);

    expect(await queue().resend({ since: NOV_1 + HOUR })).toBe(2);
    expect(await queue().givenUp()).toMatchObject({ count: 1, lastGivenUpAt: NOV_1 + HOUR - 1 });
    await forwarder().sendDue();
    expect(live.receiver.received.flatMap((delivery) => delivery.events.map((event) => event.id)).sort()).toEqual([at!.id, after!.id].sort());
  });

  it('resent twice, even at once, are queued and delivered once', async () => {
    const events = [stored(), stored()];
    await queueEvents(events);
    await queue().giveUp(events.map((event) => event.id), 'network error', Date.now());

    const counts = await Promise.all([queue().resend(), queue().resend()]);
    expect(counts.sort()).toEqual([0, 2]);
    expect(await queue().resend()).toBe(0);
    expect(await queue().pending()).toBe(2);

    const sender = forwarder();
    while ((await sender.sendDue()).tried > 0);
    expect(await queue().resend()).toBe(0);
    expect(live.receiver.received.flatMap((delivery) => delivery.events.map((event) => event.id))).toEqual(events.map((event) => event.id));
  });

  it('leave deliveries in flight and waiting retries alone, so a running sender never sees its batch claimed twice', async () => {
    const [inFlight, retrying] = [stored(), stored()];
    const now = Date.now();
    await queueEvents([inFlight!], now - 2);
    await queueEvents([retrying!], now - 1);
    expect((await queue().claim(now, 1, now + 60_000)).map((item) => item.event.id)).toEqual([inFlight!.id]);
    await queue().retryAt([retrying!.id], now + 60_000, 'HTTP 503');
    expect(await queue().resend()).toBe(0);
    expect(await queue().claim(Date.now(), 50, Date.now() + 60_000)).toEqual([]);
  });
});
