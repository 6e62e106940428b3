// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { MAX_EVENTS_PER_BATCH } from './events';
import { createEndpointHandler } from './handler';
import { createMemoryStore } from './store';
import { call, createTestClock, makeEvent, readError } from './testing';

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
    expect(stored).toEqual({ ...viewed, receivedAt: clock.now() });
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
