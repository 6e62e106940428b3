// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createEndpointHandler } from './handler';
import { healthResponse } from './health';
import { createMemoryStore, StoreUnavailableError, type EndpointStore } from './store';
import { call, createTestClock, makeEvent, readError, readJson } from './testing';

const send = (handler: ReturnType<typeof createEndpointHandler>, shopper: string, clientAddress: string): Promise<Response> =>
  call(handler, 'POST', '/events', { events: [makeEvent({ shopper })] }, { clientAddress });

describe('per-shopper limits', () => {
  it('stop one shopper whatever address they come from, with Retry-After, and leave others alone', async () => {
    const clock = createTestClock();
    const handler = createEndpointHandler({ now: clock.now, rateLimits: { events: { maxPerShopper: 3 } } });
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await send(handler, 'busy', `198.51.100.${index}`)).status);
    expect(statuses).toEqual([204, 204, 204, 429]);
    const limited = await send(handler, 'busy', '198.51.100.99');
    expect(limited.headers.get('retry-after')).toBe('60');
    const error = await readError(limited);
    expect(error.code).toBe('rate_limited');
    expect(error.message).toMatch(/shopper/);
    expect((await send(handler, 'calm', '198.51.100.0')).status).toBe(204);
    clock.advance(60_000);
    expect((await send(handler, 'busy', '198.51.100.0')).status).toBe(204);
  });

  it('count every shopper a batch names', async () => {
    const handler = createEndpointHandler({ rateLimits: { events: { maxPerShopper: 1 } } });
    const both = { events: [makeEvent({ shopper: 'a' }), makeEvent({ shopper: 'b' }), makeEvent({ shopper: 'a' })] };
    expect((await call(handler, 'POST', '/events', both)).status).toBe(204);
    expect((await send(handler, 'b', '203.0.113.5')).status).toBe(429);
  });

  it('apply to chat messages and sign-ups', async () => {
    const handler = createEndpointHandler({ rateLimits: { chat: { maxPerShopper: 1 }, accounts: { maxPerShopper: 1 } } });
    const chat = (clientAddress: string): Promise<Response> => call(handler, 'POST', '/chat/messages', { shopper: 's1', id: crypto.randomUUID(), text: 'hi' }, { clientAddress });
    expect((await chat('192.0.2.1')).status).toBe(200);
    expect((await chat('192.0.2.2')).status).toBe(429);
    const signUp = (email: string, clientAddress: string): Promise<Response> =>
      call(handler, 'POST', '/accounts', { shopper: 's1', email, consent: { marketing: false }, source: 'test' }, { clientAddress });
    expect((await signUp('a@example.com', '192.0.2.3')).status).toBe(200);
    expect((await signUp('b@example.com', '192.0.2.4')).status).toBe(429);
  });

  it('keep the per-shopper default when only the address limit is changed, and switch off with false', async () => {
    const kept = createEndpointHandler({ rateLimits: { events: { max: 1_000 } } });
    const statuses: number[] = [];
    for (let index = 0; index < 61; index += 1) statuses.push((await send(kept, 'same', `10.0.${index}.1`)).status);
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
    const off = createEndpointHandler({ rateLimits: { events: false } });
    for (let index = 0; index < 400; index += 1) expect((await send(off, 'same', '10.0.0.1')).status).toBe(204);
  });
});

describe('per-address limits on reads, the catalogue and the inbox', () => {
  it('limit reads but never the health check or the contract info', async () => {
    const handler = createEndpointHandler({ rateLimits: { reads: { max: 2 } } });
    const statuses: number[] = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await call(handler, 'GET', '/chat/status')).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await call(handler, 'GET', '/chat/status', undefined, { clientAddress: '192.0.2.77' })).status).toBe(200);
    for (let index = 0; index < 5; index += 1) {
      expect((await call(handler, 'GET', '/health')).status).toBe(200);
      expect((await call(handler, 'GET', '')).status).toBe(200);
    }
  });

  it('limit catalogue lookups', async () => {
    const handler = createEndpointHandler({ products: () => [], rateLimits: { products: { max: 1 } } });
    expect((await call(handler, 'POST', '/products/status', { products: [{ id: 'a' }] })).status).toBe(200);
    expect((await call(handler, 'POST', '/products/status', { products: [{ id: 'a' }] })).status).toBe(429);
  });

  it('slow down guesses of the agent token', async () => {
    const handler = createEndpointHandler({ agentToken: 'agent-token-123', rateLimits: { agent: { max: 3 } } });
    const guess = (token: string): Promise<Response> => call(handler, 'GET', '/agent/conversations', undefined, { headers: { authorization: `Bearer ${token}` } });
    const statuses: number[] = [];
    for (const token of ['guess-0001', 'guess-0002', 'guess-0003', 'agent-token-123']) statuses.push((await guess(token)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('refuse a per-shopper limit that is not a positive number', () => {
    expect(() => createEndpointHandler({ rateLimits: { chat: { maxPerShopper: 0 } } })).toThrow(/rateLimits\.chat\.maxPerShopper/);
    expect(() => createEndpointHandler({ rateLimits: { toString: false } as never })).toThrow(/rateLimits\.toString/);
  });
});

describe('allowed origins', () => {
  it('must be exact origins, naming the entry and the fix otherwise', () => {
    for (const wrong of ['https://shop.example/', 'shop.example', 'https://shop.example/path', 'ftp://shop.example', '*.shop.example']) {
      expect(() => createEndpointHandler({ allowedOrigins: ['https://ok.example', wrong] }), wrong).toThrow(/allowedOrigins\[1\].*without a path or trailing slash/);
    }
    expect(() => createEndpointHandler({ allowedOrigins: ['https://shop.example', 'http://127.0.0.1:5173'] })).not.toThrow();
  });
});

describe('GET /health', () => {
  it('answers ok while the store answers', async () => {
    const response = await call(createEndpointHandler(), 'GET', '/health');
    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({ status: 'ok' });
  });

  it('answers 503 when the store fails or does not answer in time', async () => {
    const failing: EndpointStore = { ...createMemoryStore(), ping: () => Promise.reject(new StoreUnavailableError()) };
    const failed = await call(createEndpointHandler({ store: failing }), 'GET', '/health');
    expect(failed.status).toBe(503);
    expect(await readJson(failed)).toMatchObject({ status: 'unavailable', error: { code: 'unavailable' } });
    const hanging: EndpointStore = { ...createMemoryStore(), ping: () => new Promise(() => undefined) };
    const started = Date.now();
    expect((await healthResponse(hanging, 50)).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
