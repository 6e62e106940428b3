// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { createEndpointHandler } from './handler';
import { useMigratedPglite } from './migrated-pglite';
import { createSqlStore } from './sql-store';
import { call, makeEvent, readError, readJson } from './testing';
import { createSqlWebhookQueue } from './webhook-queue';

const TOKEN = 'agent-token-123';
const AGENT = { authorization: `Bearer ${TOKEN}` };
const NOV_1 = Date.parse('2026-11-01T00:00:00.000Z');
const HOUR = 3_600_000;

describe('agent webhook routes', () => {
  const database = useMigratedPglite();
  const handler = () => createEndpointHandler({ agentToken: TOKEN, webhooks: createSqlWebhookQueue(database.client) });

  beforeEach(async () => {
    await createSqlStore(database.client).reset();
  });

  /** Queues two events received on November 1st and gives them up an hour apart. */
  async function giveUpTwo(): Promise<void> {
    const events = [{ ...makeEvent(), receivedAt: NOV_1 }, { ...makeEvent(), receivedAt: NOV_1 }];
    await createSqlStore(database.client, { forwardEvents: true, now: () => NOV_1 }).addEvents(events);
    const queue = createSqlWebhookQueue(database.client);
    await queue.giveUp([events[0]!.id], 'HTTP 410', NOV_1 + HOUR);
    await queue.giveUp([events[1]!.id], 'timed out', NOV_1 + 2 * HOUR);
  }

  it('need the agent token, answer same-origin callers only, and do not exist without the webhook', async () => {
    for (const [method, path] of [['GET', '/agent/webhooks'], ['POST', '/agent/webhooks/resend']] as const) {
      expect((await call(handler(), method, path, method === 'POST' ? {} : undefined)).status).toBe(401);
      expect((await call(handler(), method, path, method === 'POST' ? {} : undefined, { headers: { ...AGENT, origin: 'https://shop.example' } })).status).toBe(403);
      const off = await call(createEndpointHandler({ agentToken: TOKEN }), method, path, method === 'POST' ? {} : undefined, { headers: AGENT });
      expect(off.status).toBe(404);
      expect((await readError(off)).message).toMatch(/webhook is not configured/);
    }
  });

  it('show the given-up deliveries with ISO times and the latest reason', async () => {
    await giveUpTwo();
    const answer = await readJson<{ givenUp: Record<string, unknown> }>(await call(handler(), 'GET', '/agent/webhooks', undefined, { headers: AGENT }));
    expect(answer.givenUp).toEqual({
      count: 2,
      oldestReceivedAt: '2026-11-01T00:00:00.000Z',
      newestReceivedAt: '2026-11-01T00:00:00.000Z',
      firstGivenUpAt: '2026-11-01T01:00:00.000Z',
      lastGivenUpAt: '2026-11-01T02:00:00.000Z',
      lastError: 'timed out',
    });
  });

  it('resend those given up since a time, then the rest, then nothing', async () => {
    await giveUpTwo();
    const resend = (body: unknown) => call(handler(), 'POST', '/agent/webhooks/resend', body, { headers: AGENT });
    expect(await readJson(await resend({ since: '2026-11-01T02:00:00Z' }))).toEqual({ resent: 1 });
    expect(await readJson(await resend({}))).toEqual({ resent: 1 });
    expect(await readJson(await resend({ since: null }))).toEqual({ resent: 0 });
    expect(await createSqlWebhookQueue(database.client).pending()).toBe(2);
  });

  it('refuse a since that is not a time', async () => {
    const response = await call(handler(), 'POST', '/agent/webhooks/resend', { since: 'last tuesday' }, { headers: AGENT });
    expect(response.status).toBe(400);
    expect(await readError(response)).toMatchObject({ code: 'invalid_request', message: 'since must be an ISO 8601 timestamp.' });
  });
});
