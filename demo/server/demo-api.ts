/**
 * The demo server's control routes under `/demo-api/`: the log of what the endpoint received,
 * the events it kept (each id once),
 * reset, the endpoint's failure mode, live catalogue changes, and the merchant-server helpers
 * (identity hash, code redemption) a real shop would run itself. They are not part of the
 * endpoint contract and exist only on the demo server.
 */
import { computeIdentityHash } from '../endpoint/auth';
import { errorResponse, HttpError, httpErrorResponse, json, readJsonBody } from '../endpoint/http';
import type { EndpointStore } from '../endpoint/store';
import { requireString, type JsonObject } from '../endpoint/validate';
import { ENDPOINT_MODES, isEndpointMode, type EndpointGate } from './endpoint-gate';
import type { LiveCatalog } from './live-catalog';
import type { RequestLog } from './request-log';

/** Path prefix of the control routes. */
export const DEMO_API_PREFIX = '/demo-api';

/** What the control routes act on. */
export interface DemoApiOptions {
  store: EndpointStore;
  log: RequestLog;
  gate: EndpointGate;
  catalog: LiveCatalog;
  identitySecret: string;
  now?: () => number;
}

function optionalNumber(body: JsonObject, field: 'price' | 'stock'): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  const valid = field === 'price' ? typeof value === 'number' && Number.isFinite(value) && value >= 0 : Number.isInteger(value) && (value as number) >= 0;
  if (!valid) throw new HttpError(400, 'invalid_request', field === 'price' ? 'price must be a number >= 0.' : 'stock must be a whole number >= 0.');
  return value as number;
}

/** Creates the Fetch handler of `/demo-api/*`. */
export function createDemoApi(options: DemoApiOptions): (request: Request) => Promise<Response> {
  const now = options.now ?? Date.now;

  async function route(request: Request, url: URL): Promise<Response> {
    const path = url.pathname.slice(DEMO_API_PREFIX.length);
    const method = request.method;
    const body = (): Promise<JsonObject> => readJsonBody(request, 64 * 1024);

    if (path === '/requests' && method === 'GET') {
      const since = Number(url.searchParams.get('since') ?? '0');
      if (!Number.isInteger(since) || since < 0) throw new HttpError(400, 'invalid_request', 'since must be a whole number >= 0.');
      const requests = options.log.since(since);
      return json(200, { requests, last: requests.length > 0 ? requests[requests.length - 1]!.seq : since });
    }
    if (path === '/events' && method === 'GET') {
      return json(200, { events: await options.store.listEvents() });
    }
    if (path === '/reset' && method === 'POST') {
      await options.store.reset();
      options.log.clear();
      options.catalog.reset();
      options.gate.setMode('up');
      return json(200, { ok: true });
    }
    if (path === '/endpoint-mode' && method === 'GET') return json(200, { mode: options.gate.mode() });
    if (path === '/endpoint-mode' && method === 'POST') {
      const { mode } = await body();
      if (!isEndpointMode(mode)) throw new HttpError(400, 'invalid_request', `mode must be one of ${ENDPOINT_MODES.join(', ')}.`);
      options.gate.setMode(mode);
      return json(200, { mode });
    }
    if (path === '/catalog' && method === 'GET') return json(200, { products: options.catalog.list() });
    if (path === '/catalog' && method === 'POST') {
      const patch = await body();
      const id = requireString(patch.id, { path: 'id', max: 256 });
      const price = optionalNumber(patch, 'price');
      const stock = optionalNumber(patch, 'stock');
      const product = options.catalog.patch({ id, ...(price !== undefined ? { price } : {}), ...(stock !== undefined ? { stock } : {}) });
      if (!product) throw new HttpError(404, 'unknown_product', `No demo product has id or SKU ${id}.`);
      return json(200, { product });
    }
    if (path === '/identity' && method === 'GET') {
      const customer = requireString(url.searchParams.get('customer') ?? undefined, { path: 'customer', max: 128 });
      return json(200, { customer, identityHash: await computeIdentityHash(options.identitySecret, customer) });
    }
    if (path === '/redeem' && method === 'POST') {
      const code = requireString((await body()).code, { path: 'code', max: 64 });
      return json(200, { code, result: await options.store.redeemCode(code.trim().toUpperCase(), now()) });
    }
    throw new HttpError(404, 'not_found', 'No such demo route.');
  }

  return async function handleDemoApi(request) {
    const url = new URL(request.url);
    const origin = request.headers.get('origin');
    // Only the demo's own pages and local tools may flip the endpoint or read its log.
    if (origin !== null && origin !== url.origin) return errorResponse(403, 'origin_not_allowed', 'The demo controls are same-origin only.');
    try {
      return await route(request, url);
    } catch (error) {
      if (error instanceof HttpError) return httpErrorResponse(error);
      throw error;
    }
  };
}
