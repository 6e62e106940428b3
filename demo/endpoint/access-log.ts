/**
 * One structured log line per request (method, path without the query, status, milliseconds,
 * request id), around any Fetch handler. The query is left out because it carries shopper ids and
 * emails; bodies and headers are never read. The request id comes from `X-Request-Id` when a proxy
 * set a sane one, otherwise it is new, and it is answered in `X-Request-Id` to match logs to reports.
 */
import type { EndpointHandler } from './handler';
import type { Log } from './json-log';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The request id to use: the caller's `X-Request-Id` if it is short and plain, else a new UUID. */
export function requestIdOf(request: Request): string {
  const given = request.headers.get('x-request-id');
  return given !== null && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

/** Wraps `handler` so every request is logged once it is answered. */
export function withAccessLog(handler: EndpointHandler, log: Log, clock: () => number = () => performance.now()): EndpointHandler {
  return async (request, info) => {
    const started = clock();
    const requestId = requestIdOf(request);
    const path = new URL(request.url).pathname.slice(0, 256);
    let status = 500;
    try {
      const response = await handler(request, info);
      status = response.status;
      response.headers.set('x-request-id', requestId);
      return response;
    } finally {
      log({
        level: status >= 500 ? 'error' : 'info',
        msg: 'request',
        method: request.method,
        path,
        status,
        ms: Math.round((clock() - started) * 10) / 10,
        requestId,
      });
    }
  };
}
