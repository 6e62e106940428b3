/**
 * Puts the demo's endpoint behind a switch of failure modes and logs what it receives from the
 * widgets (not the agent inbox's own `/agent/*` calls), so the demo and the end-to-end tests can
 * watch the bundle cope with an endpoint that is down, unavailable, slow or broken. The `down` mode cuts the socket, so the server applies it
 * before a request ever reaches this gate (and nothing is logged).
 */
import type { ConnectionInfo, EndpointHandler } from '../endpoint/handler';
import { corsHeaders, errorResponse, withHeaders, type AllowedOrigins } from '../endpoint/http';
import { bodyForLog, type RequestLog } from './request-log';

/** How the demo endpoint behaves: normally, no connection, 503, 10 s late, or 200 with a non-JSON body. */
export const ENDPOINT_MODES = ['up', 'down', 'unavailable', 'slow', 'garbage'] as const;

/** One of `ENDPOINT_MODES`. */
export type EndpointMode = (typeof ENDPOINT_MODES)[number];

/** True when `value` names an endpoint mode. */
export function isEndpointMode(value: unknown): value is EndpointMode {
  return typeof value === 'string' && (ENDPOINT_MODES as readonly string[]).includes(value);
}

/** Options of the gate. */
export interface EndpointGateOptions {
  handler: EndpointHandler;
  log: RequestLog;
  basePath: string;
  allowedOrigins: AllowedOrigins;
  /** Delay of the `slow` mode (default 10 s). */
  slowMs?: number;
  now?: () => number;
}

/** The gate: the current mode and the Fetch handler in front of the endpoint. */
export interface EndpointGate {
  mode(): EndpointMode;
  setMode(mode: EndpointMode): void;
  handle(request: Request, info: ConnectionInfo): Promise<Response>;
}

// What a misconfigured proxy or a PHP error page sends: a 200 that claims JSON and is not.
const GARBAGE_BODY = '<!doctype html><title>Error</title><p>Warning: Cannot modify header information';

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/** Creates the gate in mode `up`. */
export function createEndpointGate(options: EndpointGateOptions): EndpointGate {
  const now = options.now ?? Date.now;
  const slowMs = options.slowMs ?? 10_000;
  let mode: EndpointMode = 'up';

  async function respond(request: Request, text: string | null, info: ConnectionInfo, current: EndpointMode): Promise<Response> {
    const url = new URL(request.url);
    const cors = corsHeaders(request.headers.get('origin'), url.origin, options.allowedOrigins);
    if (current === 'unavailable') {
      return withHeaders(errorResponse(503, 'unavailable', 'The endpoint is temporarily unavailable.', { 'retry-after': '1' }), cors);
    }
    if (current === 'garbage') {
      return withHeaders(new Response(GARBAGE_BODY, { status: 200, headers: { 'content-type': 'application/json' } }), cors);
    }
    if (current === 'slow') await delay(slowMs, request.signal);
    const forwarded = new Request(request.url, {
      method: request.method,
      headers: request.headers,
      signal: request.signal,
      ...(text === null ? {} : { body: text }),
    });
    return options.handler(forwarded, info);
  }

  return {
    mode: () => mode,
    setMode(next) {
      mode = next;
    },
    async handle(request, info) {
      const current = mode;
      const url = new URL(request.url);
      let text: string | null = null;
      let unreadable = false;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        // The body is read here once, for the log, and handed on as text.
        try {
          text = await request.text();
        } catch {
          unreadable = true;
        }
      }
      const path = url.pathname.slice(options.basePath.length) || '/';
      // The inbox polls the agent routes every few seconds; logged, they would push the widgets' requests out of the events page.
      const fromInbox = path === '/agent' || path.startsWith('/agent/');
      const entry = fromInbox
        ? null
        : options.log.record(
            {
              method: request.method,
              path,
              query: Object.fromEntries(url.searchParams),
              body: bodyForLog(text ?? ''),
              contentType: request.headers.get('content-type'),
              origin: request.headers.get('origin'),
            },
            now(),
          );
      const response = unreadable
        ? withHeaders(
            errorResponse(413, 'payload_too_large', 'The body is too large.'),
            corsHeaders(request.headers.get('origin'), url.origin, options.allowedOrigins),
          )
        : await respond(request, text, info, current);
      if (entry) entry.status = response.status;
      return response;
    },
  };
}
