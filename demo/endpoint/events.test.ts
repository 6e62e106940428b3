// @vitest-environment node
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_EVENTS_PER_BATCH } from './events';
import { createEndpointHandler } from './handler';
import { useMigratedPglite } from './migrated-pglite';
import { createSqlStore } from './sql-store';
import { createMemoryStore } from './store';
import { call, createTestClock, makeEvent, readError } from './testing';
import { webhookBody } from './webhook-forwarder';
import { createSqlWebhookQueue } from './webhook-queue';

describe('POST /events', () => {
  it('keeps a batch and answers 204 with no body', async () => {
    const store = createMemoryStore();
    const clock = createTestClock();
    const handler = createEndpointHandler({ store, now: clock.now });
    const viewed = makeEvent({
      type: 'product_viewed',
      customer: 'cust-9',
      product: { id: 'rg-1001', name: 'Linen Overshirt', url: 'https://shop.example/p/1', image: null, price: 89, currency: 'EUR', sku: 'RG-1001', availability: 'in_stock' },
      data: { source: 'json-ld' },
    });
    const response = await call(handler, 'POST', '/events?v=1', { events: [viewed, makeEvent()] });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    const [stored] = await store.listEvents();
    // No secret and no identity: the customer is kept as a claim.
    expect(stored).toEqual({ ...viewed, customerVerified: false, receivedAt: clock.now() });
  });

  it('ignores events whose id it already has, across and within batches', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store });
    const a = makeEvent();
    const b = makeEvent();
    expect((await call(handler, 'POST', '/events', { events: [a, b] })).status).toBe(204);
    // The same batch again (a lost answer, or a page-exit send racing a retry), then a batch repeating an id.
    expect((await call(handler, 'POST', '/events', { events: [a, b] })).status).toBe(204);
    const c = makeEvent();
    expect((await call(handler, 'POST', '/events', { events: [c, c, a] })).status).toBe(204);
    expect((await store.listEvents()).map((event) => event.id)).toEqual([a.id, b.id, c.id]);
  });

  it('keeps one copy when the same batch arrives twice at once', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store });
    const batch = { events: [makeEvent(), makeEvent(), makeEvent()] };
    const answers = await Promise.all([call(handler, 'POST', '/events', batch), call(handler, 'POST', '/events', batch)]);
    expect(answers.map((answer) => answer.status)).toEqual([204, 204]);
    expect(await store.listEvents()).toHaveLength(3);
  });

  it(`accepts ${MAX_EVENTS_PER_BATCH} events and refuses ${MAX_EVENTS_PER_BATCH + 1}`, async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store });
    const full = Array.from({ length: MAX_EVENTS_PER_BATCH }, () => makeEvent());
    expect((await call(handler, 'POST', '/events', { events: full })).status).toBe(204);
    const over = await call(handler, 'POST', '/events', { events: [...full.map(() => makeEvent()), makeEvent()] });
    expect(over.status).toBe(400);
    expect((await readError(over)).code).toBe('too_many_events');
    expect(await store.listEvents()).toHaveLength(MAX_EVENTS_PER_BATCH);
  });

  it('refuses the whole batch when one event is malformed, naming the field', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store });
    const cases: Array<[unknown, RegExp]> = [
      [{ ...makeEvent(), type: '' }, /events\[1\]\.type/],
      [{ ...makeEvent(), at: 'yesterday' }, /events\[1\]\.at/],
      [{ ...makeEvent(), shopper: 42 }, /events\[1\]\.shopper/],
      [{ ...makeEvent(), page: { title: 'no url' } }, /events\[1\]\.page\.url/],
      [{ ...makeEvent(), data: [1] }, /events\[1\]\.data/],
      ['not an event', /events\[1\]/],
    ];
    for (const [bad, field] of cases) {
      const response = await call(handler, 'POST', '/events', { events: [makeEvent(), bad] });
      expect(response.status).toBe(400);
      const error = await readError(response);
      expect(error.code).toBe('invalid_request');
      expect(error.message).toMatch(field);
    }
    const missing = await call(handler, 'POST', '/events', { batch: [] });
    expect((await readError(missing)).message).toMatch(/^events/);
    expect(await store.listEvents()).toHaveLength(0);
  });

  it('limits requests per client address with 429, Retry-After and retryAt, then lets them through again', async () => {
    const clock = createTestClock();
    const handler = createEndpointHandler({ now: clock.now, rateLimits: { events: { max: 2, windowMs: 60_000 } } });
    const send = (clientAddress: string): Promise<Response> => call(handler, 'POST', '/events', { events: [makeEvent()] }, { clientAddress });
    expect((await send('198.51.100.7')).status).toBe(204);
    clock.advance(20_000);
    expect((await send('198.51.100.7')).status).toBe(204);
    const limited = await send('198.51.100.7');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('40');
    const error = await readError(limited);
    expect(error.code).toBe('rate_limited');
    expect(error.retryAt).toBe(new Date(clock.now() + 40_000).toISOString());
    // Another address has its own window.
    expect((await send('198.51.100.8')).status).toBe(204);
    clock.advance(40_000);
    expect((await send('198.51.100.7')).status).toBe(204);
  });

  it('takes the client address from X-Forwarded-For only when told to trust the proxy', async () => {
    const limits = { events: { max: 1, windowMs: 60_000 } };
    const viaProxy = (handler: ReturnType<typeof createEndpointHandler>, forwardedFor: string): Promise<Response> =>
      call(handler, 'POST', '/events', { events: [makeEvent()] }, { clientAddress: '10.0.0.1', headers: { 'x-forwarded-for': forwardedFor } });
    const trusting = createEndpointHandler({ trustProxy: true, rateLimits: limits });
    expect((await viaProxy(trusting, '203.0.113.1')).status).toBe(204);
    expect((await viaProxy(trusting, '203.0.113.2, 10.0.0.1')).status).toBe(204);
    const plain = createEndpointHandler({ rateLimits: limits });
    expect((await viaProxy(plain, '203.0.113.1')).status).toBe(204);
    expect((await viaProxy(plain, '203.0.113.2')).status).toBe(429);
  });
});

const IDENTITY_SECRET = 'identity-secret-for-tests';
/** The hash as the merchant's server computes it (docs/endpoint-contract.md#identityhash). */
const hashOf = (customer: string) => createHmac('sha256', IDENTITY_SECRET).update(customer, 'utf8').digest('hex');

describe('POST /events with an identity', () => {
  const verdicts = async (store: ReturnType<typeof createMemoryStore>) =>
    (await store.listEvents()).map((event) => ({ customer: event.customer, customerVerified: event.customerVerified }));

  it('verifies the events naming the customer whose hash the batch carries', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store, identitySecret: IDENTITY_SECRET });
    const batch = { events: [makeEvent({ customer: '123' }), makeEvent({ customer: '123', type: 'product_viewed' })], identity: { customer: '123', identityHash: hashOf('123') } };
    expect((await call(handler, 'POST', '/events', batch)).status).toBe(204);
    expect(await verdicts(store)).toEqual([{ customer: '123', customerVerified: true }, { customer: '123', customerVerified: true }]);
  });

  it('accepts a hash in upper case, as chat does', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store, identitySecret: IDENTITY_SECRET });
    const batch = { events: [makeEvent({ customer: '123' })], identity: { customer: '123', identityHash: hashOf('123').toUpperCase() } };
    expect((await call(handler, 'POST', '/events', batch)).status).toBe(204);
    expect(await verdicts(store)).toEqual([{ customer: '123', customerVerified: true }]);
  });

  it('keeps, unverified, the events of a batch whose hash does not match: nothing is refused or lost', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store, identitySecret: IDENTITY_SECRET });
    const forged = { events: [makeEvent({ customer: '123' }), makeEvent({ customer: '123' })], identity: { customer: '123', identityHash: hashOf('124') } };
    expect((await call(handler, 'POST', '/events', forged)).status).toBe(204);
    expect(await verdicts(store)).toEqual([{ customer: '123', customerVerified: false }, { customer: '123', customerVerified: false }]);
  });

  it('verifies only the proven customer: another customer in the same batch stays a claim', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store, identitySecret: IDENTITY_SECRET });
    const batch = {
      events: [makeEvent({ customer: '123' }), makeEvent({ customer: '999' }), makeEvent()],
      identity: { customer: '123', identityHash: hashOf('123') },
    };
    expect((await call(handler, 'POST', '/events', batch)).status).toBe(204);
    expect(await verdicts(store)).toEqual([
      { customer: '123', customerVerified: true },
      { customer: '999', customerVerified: false },
      // An anonymous event gets no verdict at all.
      { customer: undefined, customerVerified: undefined },
    ]);
  });

  it('ignores a verdict the browser tries to set itself', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store, identitySecret: IDENTITY_SECRET });
    const claimed = { ...makeEvent({ customer: '123' }), customerVerified: true };
    expect((await call(handler, 'POST', '/events', { events: [claimed, { ...makeEvent(), customerVerified: true }] })).status).toBe(204);
    expect(await verdicts(store)).toEqual([{ customer: '123', customerVerified: false }, { customer: undefined, customerVerified: undefined }]);
  });

  it('verifies nothing without an identity secret, even with a correct hash', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store });
    const batch = { events: [makeEvent({ customer: '123' })], identity: { customer: '123', identityHash: hashOf('123') } };
    expect((await call(handler, 'POST', '/events', batch)).status).toBe(204);
    expect(await verdicts(store)).toEqual([{ customer: '123', customerVerified: false }]);
  });

  it('refuses a malformed identity with 400, naming the field, and keeps nothing', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store, identitySecret: IDENTITY_SECRET });
    const cases: Array<[unknown, RegExp]> = [
      ['123', /^identity must be an object/],
      [[{ customer: '123' }], /^identity must be an object/],
      [{ identityHash: hashOf('123') }, /^identity\.customer must be a string/],
      [{ customer: 123, identityHash: hashOf('123') }, /^identity\.customer must be a string/],
      [{ customer: 'c'.repeat(129), identityHash: hashOf('123') }, /^identity\.customer must be at most 128 characters/],
      [{ customer: '123' }, /^identity\.identityHash must be a string/],
      [{ customer: '123', identityHash: 'h'.repeat(129) }, /^identity\.identityHash must be at most 128 characters/],
    ];
    for (const [identity, message] of cases) {
      const response = await call(handler, 'POST', '/events', { events: [makeEvent({ customer: '123' })], identity });
      expect(response.status).toBe(400);
      const error = await readError(response);
      expect(error.code).toBe('invalid_request');
      expect(error.message).toMatch(message);
    }
    expect(await store.listEvents()).toEqual([]);
  });

  it('treats a null identity as none, like other optional fields', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store, identitySecret: IDENTITY_SECRET });
    expect((await call(handler, 'POST', '/events', { events: [makeEvent({ customer: '123' })], identity: null })).status).toBe(204);
    expect(await verdicts(store)).toEqual([{ customer: '123', customerVerified: false }]);
  });
});

describe('POST /events with an identity on the SQL store', () => {
  const database = useMigratedPglite();

  it('persists the verdict and forwards it in the webhook payload', async () => {
    const store = createSqlStore(database.client, { forwardEvents: true });
    await store.reset();
    const handler = createEndpointHandler({ store, identitySecret: IDENTITY_SECRET });
    const verified = makeEvent({ customer: '123' });
    const claimed = makeEvent({ customer: '999' });
    const batch = { events: [verified, claimed], identity: { customer: '123', identityHash: hashOf('123') } };
    expect((await call(handler, 'POST', '/events', batch)).status).toBe(204);

    const kept = await store.listEvents();
    expect(kept.map((event) => [event.id, event.customerVerified])).toEqual([[verified.id, true], [claimed.id, false]]);
    const due = await createSqlWebhookQueue(database.client).claim(Date.now() + 1000, 50, Date.now() + 60_000);
    const payload = JSON.parse(webhookBody(due.map((row) => row.event))) as { events: Array<{ id: string; customerVerified?: boolean }> };
    expect(payload.events.map((event) => [event.id, event.customerVerified])).toEqual([[verified.id, true], [claimed.id, false]]);
    // The hash itself is never kept nor forwarded.
    expect(JSON.stringify(kept) + JSON.stringify(payload)).not.toContain(hashOf('123'));
  });
});
