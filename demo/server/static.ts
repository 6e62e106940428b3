/**
 * Serves the demo store's files from the repository root: `/` (index.html), `/demo/**` and
 * `/dist/**` only. Demo TypeScript is served as JavaScript; every HTML page carries the strict
 * Content-Security-Policy the bundle must run under; nothing outside those folders (source,
 * dependencies, dotfiles, server code) is reachable, whatever the path's encoding.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { transpileTypeScript } from './transpile';

/** The policy of every demo page: no inline script or style, nothing from other origins. */
export const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.ts': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Top folders that are served; everything else in the repository is not. */
const SERVED_FOLDERS = ['demo', 'dist'];
/** Node-only code under /demo/ that no page loads. */
const HIDDEN_FOLDERS = ['demo/server', 'demo/endpoint'];

/** Options of the static handler. */
export interface StaticOptions {
  /** The repository root. */
  root: string;
}

function textResponse(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers } });
}

/**
 * The repository-relative path a URL path names, or a status to answer: 403 for a traversal
 * attempt (`..`, encoded or not), 404 for anything outside the served folders.
 */
export function resolveServedPath(pathname: string): { file: string } | { status: 403 | 404 } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 404 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 403 };
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return { status: 403 };
  if (segments.length === 0) return { file: 'index.html' };
  if (segments.length === 1 && segments[0] === 'index.html') return { file: 'index.html' };
  if (segments.some((segment) => segment.startsWith('.'))) return { status: 404 };
  if (!SERVED_FOLDERS.includes(segments[0]!)) return { status: 404 };
  const relative = segments.join('/');
  if (HIDDEN_FOLDERS.some((folder) => relative === folder || relative.startsWith(`${folder}/`))) return { status: 404 };
  if (relative.endsWith('.test.ts')) return { status: 404 };
  return { file: decoded.endsWith('/') ? `${relative}/` : relative };
}

async function statFile(file: string): Promise<import('node:fs').Stats | null> {
  try {
    return await fs.stat(file);
  } catch {
    return null;
  }
}

/** Creates the Fetch handler of the demo's static files. */
export function createStaticHandler(options: StaticOptions): (request: Request) => Promise<Response> {
  const root = path.resolve(options.root);
  let realRoot: Promise<string> | undefined;

  /** The absolute file, only if it (after symlinks) is inside the root. */
  async function inside(relative: string): Promise<string | null> {
    const absolute = path.resolve(root, relative);
    if (absolute !== root && !absolute.startsWith(root + path.sep)) return null;
    try {
      const real = await fs.realpath(absolute);
      realRoot ??= fs.realpath(root);
      const base = await realRoot;
      return real === base || real.startsWith(base + path.sep) ? real : null;
    } catch {
      return null;
    }
  }

  /** Finds the file to serve, trying `<name>.ts` for `<name>.js` or `<name>` so pages can import TS modules either way. */
  async function locate(relative: string): Promise<{ file: string; stats: import('node:fs').Stats } | null> {
    const candidates = [relative];
    if (relative.startsWith('demo/')) {
      if (relative.endsWith('.js')) candidates.push(`${relative.slice(0, -3)}.ts`);
      else if (path.extname(relative) === '') candidates.push(`${relative}.ts`);
    }
    for (const candidate of candidates) {
      const file = await inside(candidate);
      if (!file) continue;
      const stats = await statFile(file);
      if (stats?.isFile()) return { file, stats };
    }
    return null;
  }

  return async function serveStatic(request) {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed', { allow: 'GET, HEAD' });
    const url = new URL(request.url);
    const resolved = resolveServedPath(url.pathname);
    if ('status' in resolved) return textResponse(resolved.status, resolved.status === 403 ? 'Forbidden' : 'Not found');

    if (resolved.file.endsWith('/') || (await statFile(path.join(root, resolved.file)))?.isDirectory()) {
      // A folder is served by its index.html; without the slash its relative links would resolve one level up.
      if (!url.pathname.endsWith('/')) return new Response(null, { status: 301, headers: { location: `${url.pathname}/${url.search}` } });
      resolved.file = `${resolved.file.replace(/\/$/, '')}/index.html`;
    }
    const found = await locate(resolved.file);
    if (!found) return textResponse(404, 'Not found');

    const extension = path.extname(found.file);
    const transpile = extension === '.ts' && !found.file.endsWith('.d.ts');
    const etag = `W/"${found.stats.size.toString(16)}-${Math.floor(found.stats.mtimeMs).toString(16)}${transpile ? '-js' : ''}"`;
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
      // Always revalidate: the demo is edited and the bundle rebuilt while the server runs.
      'cache-control': 'no-cache',
      etag,
      'x-content-type-options': 'nosniff',
    };
    if (extension === '.html') {
      headers['content-security-policy'] = DEMO_CSP;
      headers['referrer-policy'] = 'strict-origin-when-cross-origin';
    }
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });

    const bytes = await fs.readFile(found.file);
    let body: BodyInit = new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
    if (transpile) {
      try {
        body = (await transpileTypeScript(bytes.toString('utf8'), found.file, found.stats.mtimeMs)).code;
      } catch (error) {
        // Vite's message is coloured for a terminal; the browser's network panel wants plain text.
        const message = error instanceof Error ? error.message.replace(/\x1b\[[0-9;]*m/g, '') : String(error);
        return textResponse(500, `Could not transpile ${resolved.file}:\n${message}`);
      }
    }
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}
