/**
 * Bridges Node's `http` server and Fetch handlers: an `IncomingMessage` becomes a `Request`
 * whose body streams (bounded) and whose signal aborts when the client goes away, and a
 * `Response` is streamed back with backpressure.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A Fetch handler that may also read the connection's details. */
export type FetchHandler = (request: Request, info: { clientAddress?: string }) => Promise<Response>;

/** Options of the adapter. */
export interface NodeAdapterOptions {
  /**
   * Largest request body streamed to the handler (default 1 MB); past it the body fails with
   * `BodyTooLargeError`, at once and unread when Content-Length says so, and the handler answers.
   */
  bodyLimit?: number;
  /** Host used when the request's `Host` header is missing or malformed, such as `127.0.0.1:5173`. */
  fallbackHost: string;
}

/** The error a request body stream fails with once it passes the limit. */
export class BodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`The request body exceeds ${limit} bytes.`);
    this.name = 'BodyTooLargeError';
  }
}

// A Host header is a hostname or bracketed IPv6 address with an optional port; anything else could rewrite the URL.
const HOST_PATTERN = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

function requestUrl(request: IncomingMessage, fallbackHost: string): URL {
  const host = request.headers.host && HOST_PATTERN.test(request.headers.host) ? request.headers.host : fallbackHost;
  const target = request.url ?? '/';
  // Prefixing the origin keeps a target like `//other.example/x` a path instead of a new host.
  return new URL(`http://${host}${target.startsWith('/') ? target : `/${target}`}`);
}

function requestHeaders(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return headers;
}

/**
 * The body as a web stream with backpressure that errors with `BodyTooLargeError` past `limit` bytes.
 * Cancelling or erroring discards the rest of the body instead of destroying the socket
 * (what `Readable.toWeb` does), so the handler can still answer, such as with a 413.
 */
function limitedBody(request: IncomingMessage, limit: number): ReadableStream<Uint8Array> {
  let size = 0;
  let settled = false;
  const discardRest = (): void => {
    request.off('data', onData);
    request.resume();
  };
  let onData: (chunk: Buffer) => void = () => undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        onData = (chunk) => {
          size += chunk.byteLength;
          if (size > limit) {
            settled = true;
            controller.error(new BodyTooLargeError(limit));
            discardRest();
            return;
          }
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) request.pause();
        };
        request.on('data', onData);
        request.once('end', () => {
          if (settled) return;
          settled = true;
          controller.close();
        });
        request.once('error', (error) => {
          if (settled) return;
          settled = true;
          controller.error(error);
        });
      },
      pull() {
        request.resume();
      },
      cancel() {
        settled = true;
        discardRest();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
}

/** A body that fails at once, for a request whose Content-Length is already over the limit: none of it is read. */
function refusedBody(limit: number): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.error(new BodyTooLargeError(limit));
    },
  });
}

/** True when the request's Content-Length is over `limit`. */
function declaredOverLimit(request: IncomingMessage, limit: number): boolean {
  const declared = Number(request.headers['content-length']);
  return Number.isFinite(declared) && declared > limit;
}

/** Builds the Fetch `Request` of a Node request; `signal` aborts when the client disconnects. */
export function toFetchRequest(request: IncomingMessage, options: NodeAdapterOptions, signal: AbortSignal): Request {
  const method = request.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method, headers: requestHeaders(request), signal };
  if (hasBody) {
    const limit = options.bodyLimit ?? 1024 * 1024;
    init.body = declaredOverLimit(request, limit) ? refusedBody(limit) : limitedBody(request, limit);
    // Required by Node's fetch for a streamed request body.
    init.duplex = 'half';
  }
  return new Request(requestUrl(request, options.fallbackHost), init);
}

/** Resolves on 'drain', or on 'close' when the client left (then no drain ever comes). */
function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/** Writes a Fetch `Response` to a Node response, streaming its body and stopping if the client leaves. */
export async function sendFetchResponse(response: Response, target: ServerResponse, method = 'GET'): Promise<void> {
  target.statusCode = response.status;
  if (response.statusText) target.statusMessage = response.statusText;
  const cookies = response.headers.getSetCookie();
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') target.setHeader(name, value);
  }
  if (cookies.length > 0) target.setHeader('set-cookie', cookies);
  if (!response.body || method === 'HEAD') {
    await response.body?.cancel().catch(() => undefined);
    target.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      if (target.destroyed) {
        await reader.cancel();
        return;
      }
      const { done, value } = await reader.read();
      if (done) break;
      if (!target.write(value)) await drained(target);
    }
    target.end();
  } catch {
    // The body failed midway (or the client left): headers are out, so the only honest signal is a cut connection.
    target.destroy();
  }
}

/** Adapts a Fetch handler to a Node `request` listener. */
export function toNodeListener(handler: FetchHandler, options: NodeAdapterOptions): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    void serveWithFetchHandler(handler, options, request, response);
  };
}

/** Serves one Node request with a Fetch handler; failures end in a 500 rather than a hung socket. */
export async function serveWithFetchHandler(
  handler: FetchHandler,
  options: NodeAdapterOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  // The handler still answers an oversized body, so the 413 carries its CORS headers, no-store and access-log line;
  // the body stays unread on the socket, so the connection cannot carry another request.
  if (declaredOverLimit(request, options.bodyLimit ?? 1024 * 1024)) response.setHeader('connection', 'close');
  const controller = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  try {
    const fetchRequest = toFetchRequest(request, options, controller.signal);
    const fetchResponse = await handler(fetchRequest, { clientAddress: request.socket.remoteAddress });
    await sendFetchResponse(fetchResponse, response, request.method);
  } catch (error) {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    console.error('[regulars demo]', error);
    response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('Internal error');
  }
}
