// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogEntry } from './json-log';
import { migrate } from './migrate';
import { openPglite, PGLITE_MEMORY } from './pglite-client';
import { readServiceConfig, type ServiceConfig } from './service-config';
import { startEndpointService, type EndpointService } from './service';
import type { ShopOptions } from './shop-options';
import { createSqlStore } from './sql-store';
import { makeEvent } from './testing';
import { verifyWebhookSignature } from './webhook-signature';

const sandbox = mkdtempSync(path.join(tmpdir(), 'regulars-service-'));

afterAll(() => {
  rmSync(sandbox, { recursive: true, force: true });
});

function configWith(overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  return { ...readServiceConfig(['--port', '0', '--data-dir', PGLITE_MEMORY], {}), ...overrides };
}

async function start(overrides: Partial<ServiceConfig> = {}, shop?: ShopOptions): Promise<{ service: EndpointService; logs: LogEntry[] }> {
  const logs: LogEntry[] = [];
  const service = await startEndpointService(configWith(overrides), { log: (entry) => logs.push(entry), ...(shop ? { shop } : {}) });
  return { service, logs };
}

const postEvents = (service: EndpointService, events: unknown[], headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${service.endpointUrl}/events?v=1`, { method: 'POST', body: JSON.stringify({ events }), headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers } });

/** A catalogue lookup that answers only when the test lets it, to hold a request in flight. */
function heldLookup(): { shop: ShopOptions; started: Promise<void>; release: () => void } {
  let release: () => void = () => undefined;
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    shop: {
      products: async (queries) => {
        markStarted();
        await released;
        return queries.map((query) => ({ id: query.id, price: 10, currency: 'EUR', available: true }));
      },
    },
    started,
    release,
  };
}

describe('endpoint service', { timeout: 30_000 }, () => {
  it('serves the contract and logs one JSON line per request: no query, no body, with the request id', async () => {
    const { service, logs } = await start();
    try {
      const event = makeEvent({ shopper: 'shopper-secret-id', page: { url: 'https://shop.example/private-page', title: 'Private', referrer: '' } });
      const posted = await postEvents(service, [event], { 'x-request-id': 'edge-42' });
      expect(posted.status).toBe(204);
      expect(posted.headers.get('x-request-id')).toBe('edge-42');
      const wheel = await fetch(`${service.endpointUrl}/wheel?shopper=shopper-secret-id&email=ada%40example.com`, { headers: { 'x-request-id': 'bad id with spaces' } });
      expect(wheel.status).toBe(404);
      expect(wheel.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(await service.store.listEvents()).toHaveLength(1);

      const requests = logs.filter((entry) => entry.msg === 'request');
      expect(requests).toEqual([
        { level: 'info', msg: 'request', method: 'POST', path: '/regulars/events', status: 204, ms: expect.any(Number), requestId: 'edge-42' },
        { level: 'info', msg: 'request', method: 'GET', path: '/regulars/wheel', status: 404, ms: expect.any(Number), requestId: wheel.headers.get('x-request-id') },
      ]);
      const text = JSON.stringify(logs);
      // Whole strings: a random request id could contain a short one such as "ada" by chance.
      for (const secret of ['shopper-secret-id', 'private-page', 'ada%40example.com', 'ada@example.com', DEV_TOKEN_IN_LOGS_ONLY_AT_START]) expect(text).not.toContain(secret);
    } finally {
      await service.close();
    }
  });

  it('answers a body over twice the limit as the handler answers any oversized one: CORS, no-store, the 64 KB limit, logged', async () => {
    const { service, logs } = await start({ allowedOrigins: ['https://shop.example'] });
    try {
      const response = await fetch(`${service.endpointUrl}/events?v=1`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example' },
        body: 'x'.repeat(2 * 64 * 1024 + 1),
      });
      expect(response.status).toBe(413);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('payload_too_large');
      expect(error.message).toContain(String(64 * 1024));
      expect(error.message).not.toContain(String(2 * 64 * 1024));
      expect(logs.filter((entry) => entry.msg === 'request')).toEqual([
        { level: 'info', msg: 'request', method: 'POST', path: '/regulars/events', status: 413, ms: expect.any(Number), requestId: response.headers.get('x-request-id') },
      ]);
    } finally {
      await service.close();
    }
  });

  it('answers /health at the root and under the base path; once closing, refuses new connections', async () => {
    const held = heldLookup();
    const { service } = await start({}, held.shop);
    const health = await fetch(`${service.url}health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('cache-control')).toBe('no-store');
    expect(await health.json()).toEqual({ status: 'ok' });
    const underBase = await fetch(`${service.endpointUrl}/health`);
    expect(underBase.status).toBe(200);
    expect(underBase.headers.get('cache-control')).toBe('no-store');

    // Keep one request in flight so the server drains instead of stopping at once.
    const inFlight = fetch(`${service.endpointUrl}/products/status`, { method: 'POST', body: JSON.stringify({ products: [{ id: 'a' }] }) });
    await held.started;
    const keptAlive = await fetch(`${service.url}health`);
    expect(keptAlive.status).toBe(200);
    const closing = service.close();
    // New connections are refused once closing started.
    await expect(fetch(`${service.url}health`)).rejects.toThrow();
    held.release();
    expect((await inFlight).status).toBe(200);
    await closing;
    await expect(service.store.ping()).rejects.toThrow();
  });

  it('answers a request that arrives on an open connection while draining with 503 and Connection: close', async () => {
    const held = heldLookup();
    const { service } = await start({}, held.shop);
    const inFlight = fetch(`${service.endpointUrl}/products/status`, { method: 'POST', body: JSON.stringify({ products: [{ id: 'a' }] }) });
    await held.started;
    // A connection that has begun its request counts as busy, so closing does not cut it.
    const socket = connect(Number(new URL(service.url).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /health HTTP/1.1\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = service.close();
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    const ended = new Promise((resolve) => socket.once('close', resolve));
    socket.write('Host: 127.0.0.1\r\n\r\n');
    await ended;
    expect(answer).toMatch(/^HTTP\/1\.1 503/);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(answer.toLowerCase()).toContain('cache-control: no-store');
    expect(answer).toContain('{"status":"draining"}');
    held.release();
    expect((await inFlight).status).toBe(200);
    await closing;
  });

  it('finishes every accepted request before closing the database, so each 2xx is stored', async () => {
    const directory = path.join(sandbox, 'drain');
    const { service } = await start({ dataDir: directory, rateLimits: { events: false } });
    const batches = Array.from({ length: 40 }, () => Array.from({ length: 50 }, () => makeEvent()));
    let firstAnswered: () => void = () => undefined;
    const someAnswered = new Promise<void>((resolve) => (firstAnswered = resolve));
    const answers = batches.map((batch) =>
      postEvents(service, batch).then(
        (response) => {
          firstAnswered();
          return response.status;
        },
        () => 'refused' as const,
      ),
    );
    // Close while the batches are streaming in: some answered, the rest in flight or not yet accepted.
    await someAnswered;
    await service.close();
    const statuses = await Promise.all(answers);
    expect(statuses.every((status) => status === 204 || status === 'refused')).toBe(true);
    expect(statuses.filter((status) => status === 204).length).toBeGreaterThan(0);

    const reopened = await openPglite(directory);
    await migrate(reopened);
    const kept = new Set((await createSqlStore(reopened).listEvents()).map((event) => event.id));
    await reopened.close();
    batches.forEach((batch, index) => {
      if (statuses[index] === 204) for (const event of batch) expect(kept.has(event.id)).toBe(true);
    });
  }, 60_000);

  it('stops waiting for a request that never ends after shutdownMs, and says so', async () => {
    const held = heldLookup();
    const { service, logs } = await start({ shutdownMs: 200 }, held.shop);
    const stuck = fetch(`${service.endpointUrl}/products/status`, { method: 'POST', body: JSON.stringify({ products: [{ id: 'a' }] }) }).catch(() => 'cut');
    await held.started;
    const started = Date.now();
    await service.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await stuck).toBe('cut');
    expect(logs).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'shutdown cut requests short', requests: 1 }));
    held.release();
  });

  it('forwards new events to the webhook, signed, once each', async () => {
    const received: Array<{ body: string; signature: string }> = [];
    const receiver: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ body, signature: String(request.headers['regulars-signature']) });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const secret = 'w'.repeat(40);
    const { service } = await start({ webhook: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, secret } });
    try {
      const events = [makeEvent(), makeEvent()];
      expect((await postEvents(service, events)).status).toBe(204);
      expect((await postEvents(service, events)).status).toBe(204);
      await expect.poll(() => received.length, { timeout: 5_000 }).toBe(1);
      const [delivery] = received;
      expect(await verifyWebhookSignature(secret, delivery!.signature, delivery!.body)).toBe(true);
      expect((JSON.parse(delivery!.body) as { events: Array<{ id: string }> }).events.map((event) => event.id)).toEqual(events.map((event) => event.id));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received).toHaveLength(1);
    } finally {
      await service.close();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });

  it('serves the given-up webhook routes to the agent only while the webhook is on', async () => {
    const agent = { authorization: `Bearer ${DEV_TOKEN_IN_LOGS_ONLY_AT_START}`, 'content-type': 'application/json' };
    const { service } = await start({ webhook: { url: 'http://127.0.0.1:9/hook', secret: 'w'.repeat(40) } });
    try {
      const shown = await fetch(`${service.endpointUrl}/agent/webhooks`, { headers: agent });
      expect(await shown.json()).toMatchObject({ givenUp: { count: 0, lastError: null } });
      const resent = await fetch(`${service.endpointUrl}/agent/webhooks/resend`, { method: 'POST', headers: agent, body: '{}' });
      expect(await resent.json()).toEqual({ resent: 0 });
    } finally {
      await service.close();
    }
    const { service: withoutWebhook } = await start();
    try {
      expect((await fetch(`${withoutWebhook.endpointUrl}/agent/webhooks`, { headers: agent })).status).toBe(404);
    } finally {
      await withoutWebhook.close();
    }
  });
});

// The development token may appear once in the start message; never in a request line.
const DEV_TOKEN_IN_LOGS_ONLY_AT_START = 'regulars-dev-agent-token';
