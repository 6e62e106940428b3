// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { computeIdentityHash } from '../endpoint/auth';
import { DEMO_AGENT_TOKEN, DEMO_IDENTITY_SECRET } from './demo-endpoint-config';
import { startDemoServer, type DemoServer } from './server';
import { DEMO_CSP } from './static';

const SLOW_MS = 300;
let sandbox: string;
let root: string;
let server: DemoServer;
let base: string;

function write(relative: string, text: string): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** GETs `rawPath` exactly as written: no client-side normalization of `..` or escapes. */
function rawGet(rawPath: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${base}/`, { path: rawPath }, (incoming) => {
      let text = '';
      incoming.on('data', (chunk: Buffer) => (text += chunk.toString()));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, text }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers } });

interface Logged {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  contentType: string | null;
  origin: string | null;
  at: string;
  status?: number;
}

async function logged(since = 0): Promise<Logged[]> {
  return ((await (await fetch(`${base}/demo-api/requests?since=${since}`)).json()) as { requests: Logged[] }).requests;
}

const setMode = (mode: string): Promise<Response> => postJson(`${base}/demo-api/endpoint-mode`, { mode }, { 'content-type': 'application/json' });

beforeAll(async () => {
  sandbox = mkdtempSync(path.join(tmpdir(), 'regulars-demo-'));
  root = path.join(sandbox, 'repo');
  write('index.html', '<!doctype html><title>Home</title>');
  write('package.json', '{"name":"secret-package"}');
  write('secret.txt', 'repository secret');
  write('demo/page.html', '<!doctype html><title>Page</title>');
  write('demo/sub/index.html', '<!doctype html><title>Sub</title>');
  write('demo/app.ts', "import { twice } from './util.js';\nconst answer: number = twice(21);\nexport default answer;\n");
  write('demo/util.ts', 'export const twice = (value: number): number => value * 2;\n');
  write('demo/broken.ts', 'const = ;\n');
  write('demo/app.test.ts', 'export {};\n');
  write('demo/server/private.ts', 'export const hidden = 1;\n');
  write('demo/style.css', 'body { color: black; }');
  write('demo/logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  write('demo/data.json', '{"ok":true}');
  write('dist/regulars.js', 'console.log("bundle");');
  write('dist/regulars.js.map', '{"version":3}');
  mkdirSync(path.join(sandbox, 'outside'));
  writeFileSync(path.join(sandbox, 'outside', 'outside.txt'), 'outside the root');
  symlinkSync(path.join(sandbox, 'outside', 'outside.txt'), path.join(root, 'demo', 'escape.txt'));
  server = await startDemoServer({ port: 0, host: '127.0.0.1', root, slowMs: SLOW_MS });
  base = server.url.replace(/\/$/, '');
});

afterAll(async () => {
  await server?.close();
  rmSync(sandbox, { recursive: true, force: true });
});

beforeEach(async () => {
  expect((await postJson(`${base}/demo-api/reset`, {})).status).toBe(200);
});

describe('demo server: files', () => {
  it('listens on 127.0.0.1 and reports its URLs', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.endpointUrl).toBe(`${base}/regulars`);
  });

  it('serves every HTML page with the strict CSP', async () => {
    for (const page of ['/', '/index.html', '/demo/page.html', '/demo/sub/']) {
      const response = await fetch(`${base}${page}`);
      expect(response.status, page).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(DEMO_CSP);
    }
    expect(DEMO_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'",
    );
  });

  it('redirects a folder without its slash', async () => {
    const response = await fetch(`${base}/demo/sub`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/demo/sub/');
  });

  it('serves demo TypeScript as JavaScript, also under its .js name', async () => {
    const app = await fetch(`${base}/demo/app.ts`);
    expect(app.status).toBe(200);
    expect(app.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await app.text();
    expect(code).toMatch(/from ["']\.\/util\.js["']/);
    expect(code).not.toMatch(/:\s*number/);
    const util = await fetch(`${base}/demo/util.js`);
    expect(util.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const utilCode = await util.text();
    // It runs: importing the served module as a data URL evaluates what a browser would.
    const module = (await import(`data:text/javascript,${encodeURIComponent(utilCode)}`)) as { twice: (value: number) => number };
    expect(module.twice(21)).toBe(42);
  });

  it('serves the real demo catalogue as JavaScript', async () => {
    const realRoot = fileURLToPath(new URL('../..', import.meta.url));
    const real = await startDemoServer({ port: 0, root: realRoot });
    try {
      const response = await fetch(`${real.url}demo/catalog.ts`);
      expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      const code = await response.text();
      expect(code).toContain('DEMO_PRODUCTS');
      expect(code).not.toContain('readonly DemoProduct[]');
    } finally {
      await real.close();
    }
  });

  it('answers 500 with the reason when demo TypeScript does not parse', async () => {
    const response = await fetch(`${base}/demo/broken.ts`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).toContain('demo/broken.ts');
    expect(text).not.toContain('\u001b[');
  });

  it('serves the bundle uncached and each file with its content type', async () => {
    const bundle = await fetch(`${base}/dist/regulars.js`);
    expect(bundle.headers.get('cache-control')).toBe('no-cache');
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await bundle.text()).toBe('console.log("bundle");');
    const types: Record<string, string> = {
      '/dist/regulars.js.map': 'application/json; charset=utf-8',
      '/demo/style.css': 'text/css; charset=utf-8',
      '/demo/logo.svg': 'image/svg+xml',
      '/demo/data.json': 'application/json; charset=utf-8',
    };
    for (const [file, type] of Object.entries(types)) {
      const response = await fetch(`${base}${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type'), file).toBe(type);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('answers 304 when the file did not change', async () => {
    const first = await fetch(`${base}/demo/style.css`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${base}/demo/style.css`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('refuses traversal and everything outside index.html, /demo and /dist', async () => {
    const attempts = [
      '/demo/../package.json',
      '/demo/%2e%2e/package.json',
      '/demo/..%2fpackage.json',
      '/demo/..%2f..%2fsecret.txt',
      '/dist/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/demo/..%5c..%5csecret.txt',
      '/package.json',
      '/secret.txt',
      '/demo/escape.txt',
      '/demo/server/private.ts',
      '/demo/app.test.ts',
      '/.git/config',
      '/demo/%00.html',
    ];
    for (const attempt of attempts) {
      const { status, text } = await rawGet(attempt);
      expect([403, 404], attempt).toContain(status);
      expect(text).not.toMatch(/secret-package|repository secret|outside the root|hidden/);
    }
    expect((await rawGet('/demo/..%2f..%2fsecret.txt')).status).toBe(403);
  });
});

describe('demo server: endpoint', () => {
  it('serves the reference endpoint under /regulars and logs what it received', async () => {
    const event = { id: 'e1', type: 'page_viewed', at: '2026-11-22T10:00:00.000Z', shopper: 's1', page: { url: 'https://shop.example/', title: 'Home', referrer: '' } };
    const response = await postJson(`${base}/regulars/events?v=1`, { events: [event] }, { origin: 'https://other.example' });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://other.example');
    const [entry, ...rest] = await logged();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      seq: 1,
      method: 'POST',
      path: '/events',
      query: { v: '1' },
      body: { events: [event] },
      contentType: 'text/plain;charset=UTF-8',
      origin: 'https://other.example',
      status: 204,
    });
    expect(Date.parse(entry!.at)).not.toBeNaN();
    expect(await logged(1)).toEqual([]);
  });

  it('answers product status from the live catalogue, which /demo-api/catalog patches', async () => {
    const status = async (): Promise<unknown> =>
      (await (await postJson(`${base}/regulars/products/status?v=1`, { products: [{ id: 'rg-1001', url: `${base}/demo/products/linen-overshirt.html` }] })).json());
    expect(await status()).toEqual({ products: [{ id: 'rg-1001', price: 89, currency: 'EUR', available: true, stock: 14 }] });
    const patched = await postJson(`${base}/demo-api/catalog`, { id: 'rg-1001', price: 69, stock: 0 }, { 'content-type': 'application/json' });
    expect(patched.status).toBe(200);
    expect(await status()).toEqual({ products: [{ id: 'rg-1001', price: 69, currency: 'EUR', available: false, stock: 0 }] });
    expect((await postJson(`${base}/demo-api/catalog`, { id: 'nope', price: 1 })).status).toBe(404);
    expect((await postJson(`${base}/demo-api/catalog`, { id: 'rg-1001', price: -1 })).status).toBe(400);
    await postJson(`${base}/demo-api/reset`, {});
    expect(await status()).toEqual({ products: [{ id: 'rg-1001', price: 89, currency: 'EUR', available: true, stock: 14 }] });
  });

  it('resets the store, so a shopper may spin again', async () => {
    const spin = (): Promise<Response> => postJson(`${base}/regulars/wheel/spin?v=1`, { shopper: 'reset-shopper', email: 'reset@example.com' });
    expect((await spin()).status).toBe(200);
    expect((await spin()).status).toBe(429);
    await postJson(`${base}/demo-api/reset`, {});
    expect(await logged()).toEqual([]);
    expect((await spin()).status).toBe(200);
  });

  it('lets the agent inbox in with the demo token', async () => {
    const unauthorized = await fetch(`${base}/regulars/agent/conversations?v=1`);
    expect(unauthorized.status).toBe(401);
    const authorized = await fetch(`${base}/regulars/agent/conversations?v=1`, { headers: { authorization: `Bearer ${DEMO_AGENT_TOKEN}` } });
    expect(await authorized.json()).toEqual({ conversations: [] });
  });

  it('computes identity hashes and redeems codes as a merchant server would', async () => {
    const identity = (await (await fetch(`${base}/demo-api/identity?customer=cust-1`)).json()) as { identityHash: string };
    expect(identity.identityHash).toBe(await computeIdentityHash(DEMO_IDENTITY_SECRET, 'cust-1'));
    const chat = await postJson(`${base}/regulars/chat/messages?v=1`, { shopper: 's1', id: 'm1', text: 'hi', customer: 'cust-1', identityHash: identity.identityHash });
    expect(chat.status).toBe(200);

    let code: string | undefined;
    for (let attempt = 0; attempt < 50 && !code; attempt += 1) {
      const answer = (await (await postJson(`${base}/regulars/wheel/spin`, { shopper: `r${attempt}`, email: `r${attempt}@example.com` })).json()) as {
        prize?: { code: string } | null;
      };
      code = answer.prize?.code;
      if (attempt % 9 === 8) await postJson(`${base}/demo-api/reset`, {});
    }
    expect(code).toBeTruthy();
    const redeem = async (): Promise<unknown> => ((await (await postJson(`${base}/demo-api/redeem`, { code })).json()) as { result: string }).result;
    expect(await redeem()).toBe('redeemed');
    expect(await redeem()).toBe('already_redeemed');
  });

  it('answers 413 for an endpoint body over 64 KB, streamed or not', async () => {
    const big = { events: [], padding: 'x'.repeat(70 * 1024) };
    const response = await postJson(`${base}/regulars/events?v=1`, big);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    const chunks = Array.from({ length: 10 }, () => 'y'.repeat(10 * 1024));
    const streamed = await new Promise<number>((resolve, reject) => {
      const outgoing = httpRequest(`${base}/regulars/events`, { method: 'POST', headers: { 'content-type': 'text/plain' } }, (incoming) => {
        incoming.resume();
        resolve(incoming.statusCode ?? 0);
      });
      outgoing.on('error', reject);
      for (const chunk of chunks) outgoing.write(chunk);
      outgoing.end();
    });
    expect(streamed).toBe(413);
  });

  it('keeps the demo controls same-origin', async () => {
    const response = await postJson(`${base}/demo-api/endpoint-mode`, { mode: 'down' }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(((await (await fetch(`${base}/demo-api/endpoint-mode`)).json()) as { mode: string }).mode).toBe('up');
    expect((await setMode('sideways')).status).toBe(400);
  });
});

describe('demo server: endpoint modes', () => {
  it('down: the connection drops and nothing is logged; up: it answers again', async () => {
    expect((await setMode('down')).status).toBe(200);
    await expect(fetch(`${base}/regulars/chat/status?v=1`)).rejects.toThrow(TypeError);
    expect(await logged()).toEqual([]);
    // The rest of the demo stays reachable while the endpoint is down.
    expect((await fetch(`${base}/demo/page.html`)).status).toBe(200);
    expect((await setMode('up')).status).toBe(200);
    const response = await fetch(`${base}/regulars/chat/status?v=1`);
    expect(response.status).toBe(200);
    expect((await logged()).map((entry) => entry.path)).toEqual(['/chat/status']);
  });

  it('unavailable: 503 with Retry-After 1 and a contract error, readable cross-origin', async () => {
    await setMode('unavailable');
    const response = await fetch(`${base}/regulars/chat/status?v=1`, { headers: { origin: 'https://other.example' } });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://other.example');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    expect((await logged()).map((entry) => entry.status)).toEqual([503]);
  });

  it('garbage: 200 with a body that is not JSON', async () => {
    await setMode('garbage');
    const response = await fetch(`${base}/regulars/chat/status?v=1`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it('slow: answers correctly, late', async () => {
    await setMode('slow');
    const started = performance.now();
    const response = await fetch(`${base}/regulars/chat/status?v=1`);
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(SLOW_MS - 5);
  });

  it('closes even while a slow request is pending', async () => {
    const slowServer = await startDemoServer({ port: 0, root, slowMs: 60_000 });
    await fetch(`${slowServer.url}demo-api/endpoint-mode`, { method: 'POST', body: JSON.stringify({ mode: 'slow' }) });
    const pending = fetch(`${slowServer.url}regulars/chat/status`).catch(() => 'dropped');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await slowServer.close();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await pending).toBe('dropped');
  });
});
