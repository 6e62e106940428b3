/**
 * The bench's front server on 127.0.0.1: it forwards everything to the demo server and answers
 * like a production CDN would (brotli for text, a year of caching for the versioned bundle), serves
 * the page variants (`?bench=without` and so on) and the comparison widget's files.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants } from 'node:zlib';
import { transpileTypeScript } from '../demo/server/transpile';
import { isVariant, pageVariant, SPIN_WHEEL_LIBRARY_PATH, SPIN_WHEEL_PAGE_SCRIPT_PATH, VARIANT_PARAM } from './pages';

/** Options of the bench server. */
export interface BenchServerOptions {
  /** Origin of the demo server, with a trailing slash. */
  upstream: string;
  /** Folder of the installed comparison package (`spin-wheel`), or null when it is absent. */
  spinWheelDir: string | null;
}

/** A running bench server. */
export interface BenchServer {
  /** Origin with a trailing slash. */
  url: string;
  close(): Promise<void>;
}

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json)|image\/svg\+xml)/;
/** The bundle's URL carries its version and its chunks a content hash: a CDN keeps them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const PAGE_SCRIPT = fileURLToPath(new URL('./compare/spin-wheel-page.ts', import.meta.url));

const compressed = new Map<string, Buffer>();

/** Brotli at the quality a CDN uses for static files, cached by content (the same file is asked for on every run). */
function brotli(body: Buffer): Buffer {
  const key = createHash('sha256').update(body).digest('hex');
  let packed = compressed.get(key);
  if (!packed) {
    packed = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
    compressed.set(key, packed);
  }
  return packed;
}

function send(request: IncomingMessage, response: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  const type = headers['content-type'] ?? '';
  const acceptsBrotli = /\bbr\b/.test(String(request.headers['accept-encoding'] ?? ''));
  let payload = body;
  const out: Record<string, string> = { ...headers };
  delete out['content-length'];
  delete out['transfer-encoding'];
  delete out['connection'];
  delete out['keep-alive'];
  if (status === 200 && acceptsBrotli && COMPRESSIBLE.test(type) && body.length > 0) {
    payload = brotli(body);
    out['content-encoding'] = 'br';
    out['vary'] = 'accept-encoding';
  }
  out['content-length'] = String(payload.length);
  response.writeHead(status, out);
  response.end(request.method === 'HEAD' ? undefined : payload);
}

function flatHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

/** Forwards `request` to the demo server; resolves with the whole answer when `buffer`, else streams it through. */
function pass(upstream: URL, request: IncomingMessage, response: ServerResponse, path: string, buffer: boolean): Promise<{ status: number; headers: Record<string, string>; body: Buffer } | null> {
  return new Promise((resolve, reject) => {
    const headers = flatHeaders(request.headers);
    delete headers['accept-encoding'];
    if (buffer) {
      // A variant is made from the full page, never from a "not modified".
      delete headers['if-none-match'];
      delete headers['if-modified-since'];
    }
    const outgoing = forward({ host: upstream.hostname, port: upstream.port, method: request.method, path, headers }, (incoming) => {
      if (!buffer) {
        response.writeHead(incoming.statusCode ?? 502, incoming.headers);
        incoming.pipe(response);
        incoming.once('end', () => resolve(null));
        return;
      }
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.once('end', () => resolve({ status: incoming.statusCode ?? 502, headers: flatHeaders(incoming.headers), body: Buffer.concat(chunks) }));
      incoming.once('error', reject);
    });
    outgoing.once('error', reject);
    request.pipe(outgoing);
  });
}

/** Starts the bench server in front of the demo server. */
export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const upstream = new URL(options.upstream);

  async function serveFile(request: IncomingMessage, response: ServerResponse, file: string, cacheControl: string): Promise<void> {
    const body = await readFile(file);
    send(request, response, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': cacheControl }, body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://bench.invalid');
    const method = request.method ?? 'GET';
    const variant = url.searchParams.get(VARIANT_PARAM);

    if (url.pathname === SPIN_WHEEL_LIBRARY_PATH || url.pathname === SPIN_WHEEL_PAGE_SCRIPT_PATH) {
      if (!options.spinWheelDir) return send(request, response, 404, { 'content-type': 'text/plain' }, Buffer.from('spin-wheel is not installed'));
      if (url.pathname === SPIN_WHEEL_LIBRARY_PATH) return serveFile(request, response, `${options.spinWheelDir}/dist/spin-wheel-iife.js`, IMMUTABLE);
      const source = await readFile(PAGE_SCRIPT, 'utf8');
      const { code } = await transpileTypeScript(source, PAGE_SCRIPT, (await stat(PAGE_SCRIPT)).mtimeMs);
      // Without the inline source map the demo server adds for devtools: it would count against the comparison's bytes.
      const script = code.replace(/\n\/\/# sourceMappingURL=data:[^\n]*\n?$/, '\n');
      return send(request, response, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }, Buffer.from(script));
    }

    const isStatic = (method === 'GET' || method === 'HEAD') && (url.pathname === '/' || url.pathname.startsWith('/demo/') || url.pathname.startsWith('/dist/'));
    if (!isStatic) {
      await pass(upstream, request, response, url.pathname + url.search, false);
      return;
    }
    if (variant !== null && !isVariant(variant)) return send(request, response, 400, { 'content-type': 'text/plain' }, Buffer.from(`unknown variant ${variant}`));
    url.searchParams.delete(VARIANT_PARAM);
    const answer = (await pass(upstream, request, response, url.pathname + url.search, true))!;
    let body = answer.body;
    if (variant && answer.status === 200 && (answer.headers['content-type'] ?? '').startsWith('text/html')) {
      body = Buffer.from(pageVariant(body.toString('utf8'), variant));
      delete answer.headers['etag'];
    }
    if (url.pathname.startsWith('/dist/') && answer.status === 200) answer.headers['cache-control'] = IMMUTABLE;
    send(request, response, answer.status, answer.headers, body);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(request, response, 500, { 'content-type': 'text/plain' }, Buffer.from(String(error)));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
