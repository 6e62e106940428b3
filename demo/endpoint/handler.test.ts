// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createEndpointHandler } from './handler';
import { createMemoryStore, StoreUnavailableError, type EndpointStore } from './store';
import { call, makeEvent, readError, readJson, TEST_BASE, TEST_ORIGIN } from './testing';

describe('transport', () => {
  it('accepts a JSON body sent as text/plain (no preflight) and as application/json', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store });
    const first = makeEvent();
    const second = makeEvent();
    expect((await call(handler, 'POST', '/events?v=1', { events: [first] }, { contentType: 'text/plain;charset=UTF-8' })).status).toBe(204);
    expect((await call(handler, 'POST', '/events?v=1', { events: [second] }, { contentType: 'application/json' })).status).toBe(204);
    expect((await store.listEvents()).map((event) => event.id)).toEqual([first.id, second.id]);
  });

  it('accepts a body without a content type, as a Blob beacon sends it', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store });
    expect((await call(handler, 'POST', '/events', { events: [makeEvent()] }, { contentType: null })).status).toBe(204);
    expect(await store.listEvents()).toHaveLength(1);
  });

  it('refuses form encodings and non-UTF-8 charsets with 415', async () => {
    const handler = createEndpointHandler();
    for (const contentType of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain;charset=ISO-8859-1']) {
      const response = await call(handler, 'POST', '/events', { events: [] }, { contentType });
      expect(response.status, contentType).toBe(415);
      expect((await readError(response)).code).toBe('unsupported_media_type');
    }
  });

  it('answers 400 invalid_json for broken JSON, an empty body and bad UTF-8', async () => {
    const handler = createEndpointHandler();
    for (const raw of ['{"events": [', '', '   ']) {
      const response = await call(handler, 'POST', '/events', undefined, { raw });
      expect(response.status).toBe(400);
      expect((await readError(response)).code).toBe('invalid_json');
    }
    const badUtf8 = await handler(
      new Request(`${TEST_BASE}/events`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: new Uint8Array([0x7b, 0xff, 0x7d]) }),
    );
    expect((await readError(badUtf8)).code).toBe('invalid_json');
  });

  it('answers 400 invalid_request when the body is JSON but not an object', async () => {
    const response = await call(createEndpointHandler(), 'POST', '/events', [1, 2]);
    expect(response.status).toBe(400);
    expect((await readError(response)).code).toBe('invalid_request');
  });

  it('answers 413 for a body over the limit, declared or streamed, before storing anything', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store });
    const big = { events: [makeEvent({ data: { padding: 'x'.repeat(70 * 1024) } })] };
    const declared = await call(handler, 'POST', '/events', big);
    expect(declared.status).toBe(413);
    expect((await readError(declared)).code).toBe('payload_too_large');

    // A streamed body has no Content-Length: the limit must hold while reading.
    const chunk = new TextEncoder().encode(`{"events":[],"pad":"${'y'.repeat(16 * 1024)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 10) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await handler(
      new Request(`${TEST_BASE}/events`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: stream, duplex: 'half' } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(10);
    expect(await store.listEvents()).toHaveLength(0);
  });

  it('honours a custom body limit', async () => {
    const handler = createEndpointHandler({ bodyLimit: 100 });
    expect((await call(handler, 'POST', '/events', { events: [makeEvent()] })).status).toBe(413);
  });

  it('speaks contract version 1 from the query or the header and refuses others', async () => {
    const handler = createEndpointHandler();
    expect((await call(handler, 'GET', '/chat/status?v=1')).status).toBe(200);
    expect((await call(handler, 'GET', '/chat/status')).status).toBe(200);
    expect((await call(handler, 'GET', '/chat/status', undefined, { headers: { 'Regulars-Contract': '1' } })).status).toBe(200);
    const fromQuery = await call(handler, 'GET', '/chat/status?v=2');
    expect(fromQuery.status).toBe(400);
    expect(await readError(fromQuery)).toEqual({ code: 'unsupported_version', message: 'Contract version 2 is not supported; this endpoint speaks v=1.' });
    const fromHeader = await call(handler, 'GET', '/chat/status', undefined, { headers: { 'Regulars-Contract': '7' } });
    expect((await readError(fromHeader)).code).toBe('unsupported_version');
    const empty = await call(handler, 'GET', '/chat/status?v=');
    expect(empty.status).toBe(400);
    expect(await readError(empty)).toEqual({
      code: 'unsupported_version',
      message: 'The contract version is empty; send v=1 or leave it out (this endpoint speaks v=1).',
    });
  });

  it('answers the supported versions at the base URL', async () => {
    const body = await readJson(await call(createEndpointHandler(), 'GET', '?v=1'));
    expect(body).toEqual({ service: 'regulars', versions: ['1'] });
  });

  it('answers 404 for unknown routes and 405 with Allow for a wrong method', async () => {
    const handler = createEndpointHandler();
    const unknown = await call(handler, 'GET', '/nope');
    expect(unknown.status).toBe(404);
    expect((await readError(unknown)).code).toBe('not_found');
    const outside = await handler(new Request(`${TEST_ORIGIN}/elsewhere/events`, { method: 'POST', body: '{}' }));
    expect(outside.status).toBe(404);
    const wrongMethod = await call(handler, 'GET', '/events');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST, OPTIONS');
    expect((await readError(wrongMethod)).code).toBe('method_not_allowed');
  });

  it('serves under another base path', async () => {
    const handler = createEndpointHandler({ basePath: '/api/regulars/' });
    expect((await handler(new Request(`${TEST_ORIGIN}/api/regulars/chat/status`))).status).toBe(200);
    expect((await handler(new Request(`${TEST_ORIGIN}/regulars/chat/status`))).status).toBe(404);
  });

  it('marks every answer uncacheable', async () => {
    const response = await call(createEndpointHandler(), 'GET', '/chat/status');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('CORS', () => {
  const shop = 'https://shop.example';

  it('reflects an allowed origin, exposes Retry-After, and varies on Origin', async () => {
    const handler = createEndpointHandler({ allowedOrigins: [shop] });
    const response = await call(handler, 'GET', '/chat/status', undefined, { headers: { origin: shop } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(shop);
    expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('reflects any origin with "*"', async () => {
    const handler = createEndpointHandler({ allowedOrigins: '*' });
    const response = await call(handler, 'GET', '/chat/status', undefined, { headers: { origin: 'https://any.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://any.example');
  });

  it('refuses a disallowed origin with 403 before writing anything, and without CORS headers', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store, allowedOrigins: [shop] });
    const response = await call(handler, 'POST', '/events', { events: [makeEvent()] }, { headers: { origin: 'https://evil.example' } });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await readError(response)).code).toBe('origin_not_allowed');
    expect(await store.listEvents()).toHaveLength(0);
  });

  it('always allows same-origin callers', async () => {
    const handler = createEndpointHandler({ allowedOrigins: [shop] });
    const response = await call(handler, 'POST', '/events', { events: [makeEvent()] }, { headers: { origin: TEST_ORIGIN } });
    expect(response.status).toBe(204);
  });

  it('answers a preflight with the methods and headers a caller may use', async () => {
    const handler = createEndpointHandler({ allowedOrigins: [shop] });
    const preflight = await call(handler, 'OPTIONS', '/wheel/spin', undefined, {
      headers: { origin: shop, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(shop);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    expect(Number(preflight.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    const refused = await call(handler, 'OPTIONS', '/wheel/spin', undefined, { headers: { origin: 'https://evil.example' } });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('puts CORS headers on errors too, so a cross-origin bundle can read the code', async () => {
    const handler = createEndpointHandler();
    const response = await call(handler, 'POST', '/accounts', { shopper: 's', email: 'nope' }, { headers: { origin: shop } });
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe(shop);
  });

  it('keeps the agent routes same-origin even with "*"', async () => {
    const handler = createEndpointHandler({ allowedOrigins: '*', agentToken: 'agent-token-123' });
    const response = await call(handler, 'GET', '/agent/conversations', undefined, {
      headers: { origin: shop, authorization: 'Bearer agent-token-123' },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('failures', () => {
  it('answers 503 with Retry-After when the store is unavailable', async () => {
    const failing: EndpointStore = {
      ...createMemoryStore(),
      addEvents: () => Promise.reject(new StoreUnavailableError()),
    };
    const response = await call(createEndpointHandler({ store: failing }), 'POST', '/events', { events: [makeEvent()] });
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await readError(response)).code).toBe('unavailable');
  });

  it('answers 500 internal_error for an unexpected failure and reports it, without leaking its message', async () => {
    const onError = vi.fn();
    const failing: EndpointStore = { ...createMemoryStore(), addEvents: () => Promise.reject(new Error('disk on fire')) };
    const response = await call(createEndpointHandler({ store: failing, onError }), 'POST', '/events', { events: [makeEvent()] });
    expect(response.status).toBe(500);
    const error = await readError(response);
    expect(error.code).toBe('internal_error');
    expect(error.message).not.toContain('disk on fire');
    expect(onError).toHaveBeenCalledOnce();
  });

  it('refuses wrong options when created, naming the option', () => {
    expect(() => createEndpointHandler({ basePath: 'no slash' })).toThrow(/basePath/);
    expect(() => createEndpointHandler({ wheel: { segments: [{ id: 'a', label: 'A', weight: 1 }] } })).toThrow(/wheel\.segments/);
    expect(() =>
      createEndpointHandler({
        wheel: { segments: [{ id: 'a', label: 'A', weight: 1 }, { id: 'a', label: 'B', weight: 1 }] },
      }),
    ).toThrow(/repeats "a"/);
    expect(() => createEndpointHandler({ chat: { channels: [{ kind: 'link', url: 'javascript:alert(1)', label: 'Help' }] } })).toThrow(
      /chat\.channels\[0\]\.url/,
    );
    expect(() => createEndpointHandler({ chat: { channels: [{ kind: 'fax' as 'link', url: 'https://shop.example/fax' }] } })).toThrow(/chat\.channels\[0\]\.kind/);
    // The schemes the chat panel renders are the ones the endpoint accepts.
    expect(() => createEndpointHandler({ chat: { channels: [{ kind: 'email', url: 'mailto:help@shop.example' }, { kind: 'phone', url: 'tel:+46701234567' }] } })).not.toThrow();
    expect(() => createEndpointHandler({ rateLimits: { spin: { max: 0, windowMs: 1000 } } })).toThrow(/rateLimits\.spin\.max/);
    expect(() => createEndpointHandler({ agentToken: 'short' })).toThrow(/agentToken/);
  });
});
