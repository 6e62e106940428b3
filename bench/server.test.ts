// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/server/server';
import { DEMO_CSP } from '../demo/server/static';
import { SPIN_WHEEL_LIBRARY_PATH, SPIN_WHEEL_PAGE_SCRIPT_PATH } from './pages';
import { startBenchServer, type BenchServer } from './server';

const PAGE = `<!doctype html><html lang="en"><head><title>P</title>
<script async fetchpriority="low" src="/dist/regulars.js" data-endpoint="/regulars" data-widgets="chat,loyalty-wheel"></script>
</head><body><main><h1>Product</h1></main></body></html>`;
const LOADER = '(function(){var regularsLoader="'.padEnd(4000, 'x') + '"})();\n';

let sandbox: string;
let demo: DemoServer;
const benches: BenchServer[] = [];

function write(root: string, relative: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), text);
}

/** GETs `target` with the headers given; resolves with the status, headers and the body as bytes. */
function get(base: string, target: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpRequest(new URL(target, base), { headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

async function bench(spinWheelDir: string | null): Promise<string> {
  const server = await startBenchServer({ upstream: demo.url, spinWheelDir });
  benches.push(server);
  return server.url;
}

beforeAll(async () => {
  sandbox = mkdtempSync(path.join(tmpdir(), 'regulars-bench-server-'));
  const root = path.join(sandbox, 'site');
  write(root, 'index.html', '<!doctype html><title>Home</title>');
  write(root, 'demo/products/p.html', PAGE);
  write(root, 'dist/regulars.js', LOADER);
  write(sandbox, 'spin-wheel/package.json', JSON.stringify({ name: 'spin-wheel', version: '5.0.2' }));
  write(sandbox, 'spin-wheel/dist/spin-wheel-iife.js', 'var spinWheel=(()=>({Wheel:class{}}))();\n');
  demo = await startDemoServer({ port: 0, root });
});

afterAll(async () => {
  await Promise.all(benches.map((server) => server.close()));
  await demo?.close();
  rmSync(sandbox, { recursive: true, force: true });
});

describe('the bench server', () => {
  it('binds to 127.0.0.1', async () => {
    expect(new URL(await bench(null)).hostname).toBe('127.0.0.1');
  });

  it('serves the demo page as it is, brotli-compressed, under the demo CSP', async () => {
    const response = await get(await bench(null), '/demo/products/p.html', { 'accept-encoding': 'gzip, br' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-security-policy']).toBe(DEMO_CSP);
    expect(brotliDecompressSync(response.body).toString()).toBe(PAGE);
  });

  it('sends plain bytes to a client that does not accept brotli', async () => {
    const response = await get(await bench(null), '/demo/products/p.html');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body.toString()).toBe(PAGE);
  });

  it('serves the page without the snippet for ?bench=without, still under the CSP', async () => {
    const response = await get(await bench(null), '/demo/products/p.html?bench=without');
    const html = response.body.toString();
    expect(html).not.toContain('regulars.js');
    expect(html).toContain('<h1>Product</h1>');
    expect(response.headers['content-security-policy']).toBe(DEMO_CSP);
    expect(response.headers.etag).toBeUndefined();
  });

  it('refuses a variant it does not know', async () => {
    expect((await get(await bench(null), '/demo/products/p.html?bench=nope')).status).toBe(400);
  });

  it('serves the bundle as a CDN would: brotli and cached for a year', async () => {
    const response = await get(await bench(null), '/dist/regulars.js', { 'accept-encoding': 'br' });
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(response.body).toString()).toBe(LOADER);
    expect(response.body.length).toBeLessThan(LOADER.length / 10);
  });

  it('passes other routes through to the demo server untouched', async () => {
    const response = await get(await bench(null), '/demo-api/requests?since=0');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString())).toHaveProperty('requests');
  });

  it('answers 404 for the comparison files when the package is absent', async () => {
    const base = await bench(null);
    expect((await get(base, SPIN_WHEEL_LIBRARY_PATH)).status).toBe(404);
    expect((await get(base, SPIN_WHEEL_PAGE_SCRIPT_PATH)).status).toBe(404);
  });

  it('serves the comparison package and the script that mounts it when the package is there', async () => {
    const base = await bench(path.join(sandbox, 'spin-wheel'));
    expect((await get(base, SPIN_WHEEL_LIBRARY_PATH)).body.toString()).toContain('var spinWheel=');
    const script = (await get(base, SPIN_WHEEL_PAGE_SCRIPT_PATH)).body.toString();
    expect(script).toContain('window.spinWheel');
    // Transpiled: no TypeScript is left for the browser to choke on.
    expect(script).not.toMatch(/interface SpinWheel|: SpinWheelLibrary/);
    // The demo server's inline source map would add kilobytes to the comparison's side.
    expect(script).not.toContain('sourceMappingURL');
    const page = (await get(base, '/demo/products/p.html?bench=spin-wheel')).body.toString();
    expect(page).toContain(SPIN_WHEEL_LIBRARY_PATH);
    expect(page).not.toContain('regulars.js');
  });
});
