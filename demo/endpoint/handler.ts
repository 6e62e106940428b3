/**
 * The reference Regulars endpoint as a standard Fetch handler (`Request -> Response`), so it
 * runs under Node (see node-adapter.ts and service.ts), Deno, Bun or an edge worker unchanged.
 */
import { postAccount } from './accounts';
import { getAgentConversation, getAgentConversations, postAgentHeartbeat, postAgentMessage } from './agent';
import { getGivenUpWebhooks, postWebhookResend } from './agent-webhooks';
import { getChatMessages, getChatStatus, postChatMessage } from './chat';
import { createChatFeed } from './chat-feed';
import { getChatStream } from './chat-stream';
import { createRouteContext, type RouteContext } from './context';
import { postEvents } from './events';
import { healthResponse } from './health';
import {
  corsHeaders,
  errorResponse,
  HttpError,
  httpErrorResponse,
  json,
  noContent,
  originAllowed,
  preflightHeaders,
  withHeaders,
} from './http';
import { resolveOptions, type EndpointOptions, type RateLimitedRoute, type ResolvedOptions } from './options';
import { postProductStatus } from './products';
import { StoreUnavailableError } from './store';
import { getWheel, postSpin } from './wheel';

export type {
  ChatChannel,
  ChatOptions,
  EndpointOptions,
  ProductLookup,
  ProductQuery,
  ProductStatus,
  RateLimit,
  RateLimitedRoute,
  WheelOptions,
  WheelPrizeOptions,
  WheelSegmentOptions,
  WheelText,
} from './options';

/** The contract versions this endpoint speaks. */
export const SUPPORTED_CONTRACT_VERSIONS: readonly string[] = ['1'];

/** What the runtime knows about the connection; the Node adapter passes the socket's address. */
export interface ConnectionInfo {
  clientAddress?: string;
}

/** A Fetch handler of the endpoint. */
export type EndpointHandler = (request: Request, info?: ConnectionInfo) => Promise<Response>;

/** The reference endpoint's handler, which can also end its open chat streams. */
export interface ReferenceEndpointHandler extends EndpointHandler {
  /** Ends every open `GET /chat/stream` answer, and later ones at once: call it when the server shuts down. */
  closeStreams(): void;
}

interface Route {
  method: 'GET' | 'POST';
  /** Segments; `:name` matches any one segment. */
  pattern: string;
  handle: (context: RouteContext) => Promise<Response>;
}

/** Every route of the contract, relative to the base path. */
const ROUTES: readonly Route[] = [
  { method: 'GET', pattern: '/', handle: getContractInfo },
  { method: 'GET', pattern: '/health', handle: (context) => healthResponse(context.options.store) },
  { method: 'POST', pattern: '/events', handle: postEvents },
  { method: 'POST', pattern: '/accounts', handle: postAccount },
  { method: 'GET', pattern: '/wheel', handle: getWheel },
  { method: 'POST', pattern: '/wheel/spin', handle: postSpin },
  { method: 'GET', pattern: '/chat/status', handle: getChatStatus },
  { method: 'POST', pattern: '/chat/messages', handle: postChatMessage },
  { method: 'GET', pattern: '/chat/messages', handle: getChatMessages },
  { method: 'GET', pattern: '/chat/stream', handle: getChatStream },
  { method: 'POST', pattern: '/products/status', handle: postProductStatus },
  { method: 'GET', pattern: '/agent/conversations', handle: getAgentConversations },
  { method: 'GET', pattern: '/agent/conversations/:id', handle: getAgentConversation },
  { method: 'POST', pattern: '/agent/conversations/:id/messages', handle: postAgentMessage },
  { method: 'POST', pattern: '/agent/heartbeat', handle: postAgentHeartbeat },
  { method: 'GET', pattern: '/agent/webhooks', handle: getGivenUpWebhooks },
  { method: 'POST', pattern: '/agent/webhooks/resend', handle: postWebhookResend },
];

/** Answers which contract versions this endpoint speaks, so a setup page can check the base URL. */
async function getContractInfo(): Promise<Response> {
  return json(200, { service: 'regulars', versions: SUPPORTED_CONTRACT_VERSIONS });
}

/**
 * The limit a route counts against before it runs: the inbox's own (it is token-protected, and
 * this slows guessing), every other read's; the writes count their own limits themselves.
 */
function guardOf(route: Route, path: string): RateLimitedRoute | null {
  if (path === '/agent' || path.startsWith('/agent/')) return 'agent';
  if (route.method === 'GET' && route.pattern !== '/' && route.pattern !== '/health') return 'reads';
  return null;
}

function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const expected = pattern.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let index = 0; index < expected.length; index += 1) {
    const part = expected[index]!;
    const value = actual[index]!;
    if (part.startsWith(':')) {
      if (value === '') return null;
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (part !== value) {
      return null;
    }
  }
  return params;
}

/** The path below `basePath` (`/events`), or null when the request is not for the endpoint. */
function relativePath(pathname: string, basePath: string): string | null {
  if (basePath !== '' && pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return null;
  const rest = pathname.slice(basePath.length).replace(/\/+$/, '');
  return rest === '' ? '/' : rest;
}

function clientAddressOf(request: Request, info: ConnectionInfo, options: ResolvedOptions): string {
  if (options.trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return info.clientAddress ?? 'unknown';
}

function checkVersion(request: Request, url: URL): void {
  const version = url.searchParams.get('v') ?? request.headers.get('regulars-contract');
  if (version !== null && !SUPPORTED_CONTRACT_VERSIONS.includes(version.trim())) {
    const speaks = `this endpoint speaks v=${SUPPORTED_CONTRACT_VERSIONS.join(', ')}`;
    // An empty `?v=` would otherwise read "Contract version  is not supported", naming nothing.
    const message = version.trim() === ''
      ? `The contract version is empty; send v=${SUPPORTED_CONTRACT_VERSIONS.at(-1)} or leave it out (${speaks}).`
      : `Contract version ${version} is not supported; ${speaks}.`;
    throw new HttpError(400, 'unsupported_version', message);
  }
}

function failureResponse(error: unknown, options: ResolvedOptions): Response {
  if (error instanceof HttpError) return httpErrorResponse(error);
  if (error instanceof StoreUnavailableError) {
    return errorResponse(503, 'unavailable', 'The endpoint is temporarily unavailable; retry shortly.', { 'retry-after': '5' });
  }
  options.onError(error);
  return errorResponse(500, 'internal_error', 'The endpoint failed to answer.');
}

/**
 * Creates the reference endpoint: every route of the Regulars contract under `basePath`
 * (default `/regulars`), with CORS, body limits, validation, rate limits (per address, and per
 * shopper for writes), contract errors, and `GET /health` for probes.
 *
 * Contract version: every request may carry `?v=1` in its query string. The bundle sends the
 * version in the query rather than as a `Regulars-Contract` header because a custom request
 * header makes a cross-origin call "non-simple": the browser would send a CORS preflight before
 * every call, and `navigator.sendBeacon` cannot set headers at all, so events sent on page exit
 * would be lost. The header is still accepted from server-side callers. No version means 1;
 * any other answers 400 `unsupported_version`.
 *
 * Bodies are JSON sent as `text/plain;charset=UTF-8` (what keeps a cross-origin POST free of
 * preflight) or `application/json`. The `/agent/*` routes (the inbox) answer only same-origin
 * callers with the bearer token.
 */
export function createEndpointHandler(options: EndpointOptions = {}): ReferenceEndpointHandler {
  const resolved = resolveOptions(options);
  const chatFeed = createChatFeed();
  const handleEndpointRequest: EndpointHandler = async (request, info = {}) => {
    const url = new URL(request.url);
    const origin = request.headers.get('origin');
    const path = relativePath(url.pathname, resolved.basePath);
    const agentRoute = path !== null && (path === '/agent' || path.startsWith('/agent/'));
    // The inbox is same-origin only: its token must never be usable from a shop's page.
    const allowedOrigins = agentRoute ? [] : resolved.allowedOrigins;
    const cors = corsHeaders(origin, url.origin, allowedOrigins);
    const finish = (response: Response): Response => withHeaders(response, cors);

    if (path === null) return finish(errorResponse(404, 'not_found', 'No such route.'));
    // A simple cross-origin POST reaches the server even when CORS would hide the answer,
    // so a disallowed origin is refused before anything is read or written.
    if (!originAllowed(origin, url.origin, allowedOrigins)) {
      return finish(errorResponse(403, 'origin_not_allowed', 'This origin may not call the endpoint.'));
    }
    if (request.method === 'OPTIONS') return finish(noContent(preflightHeaders()));
    try {
      checkVersion(request, url);
      let allowedMethods: string[] = [];
      for (const route of ROUTES) {
        const params = matchPattern(route.pattern, path);
        if (!params) continue;
        if (route.method !== request.method) {
          allowedMethods.push(route.method);
          continue;
        }
        const context = createRouteContext(request, url, params, resolved, clientAddressOf(request, info, resolved), chatFeed);
        const guard = guardOf(route, path);
        if (guard) await context.limit(guard);
        return finish(await route.handle(context));
      }
      if (allowedMethods.length > 0) {
        allowedMethods = [...new Set([...allowedMethods, 'OPTIONS'])];
        throw new HttpError(405, 'method_not_allowed', `Use ${allowedMethods.join(' or ')} for ${path}.`, {
          headers: { allow: allowedMethods.join(', ') },
        });
      }
      throw new HttpError(404, 'not_found', 'No such route.');
    } catch (error) {
      return finish(failureResponse(error, resolved));
    }
  };
  return Object.assign(handleEndpointRequest, { closeStreams: () => chatFeed.close() });
}
