/**
 * HTTP plumbing of the reference endpoint: JSON answers, contract errors,
 * CORS, and reading a bounded JSON body sent as `text/plain` or `application/json`.
 */

/** Which browser origins may call the endpoint: `'*'` for any, or an exact list such as `['https://shop.example']`. */
export type AllowedOrigins = '*' | readonly string[];

/** A failure that becomes a contract error answer `{ "error": { "code", "message" } }`. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  readonly details: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { headers?: Record<string, string>; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.headers = extra.headers ?? {};
    this.details = extra.details ?? {};
  }
}

/** Answers `body` as JSON; answers are per shopper, so no cache may keep them. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** Answers with no body (204). */
export function noContent(headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store', ...headers } });
}

/** Answers a contract error; `details` (such as `retryAt`) sit beside `code` and `message`. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  details: Record<string, unknown> = {},
): Response {
  return json(status, { error: { code, message, ...details } }, headers);
}

/** Turns an `HttpError` into its answer. */
export function httpErrorResponse(error: HttpError): Response {
  return errorResponse(error.status, error.code, error.message, error.headers, error.details);
}

/** Seconds until `at` for a `Retry-After` header, never below one so clients never retry in a tight loop. */
export function retryAfterSeconds(at: number, now: number): string {
  return String(Math.max(1, Math.ceil((at - now) / 1000)));
}

/** The error for "too many requests", with both the header and the body field clients read. */
export function tooManyRequests(code: string, message: string, retryAt: number, now: number): HttpError {
  return new HttpError(429, code, message, {
    headers: { 'retry-after': retryAfterSeconds(retryAt, now) },
    details: { retryAt: new Date(retryAt).toISOString() },
  });
}

/**
 * True when a request from `origin` may be served: requests without an `Origin` header
 * (same-origin GETs, servers) and same-origin requests always may.
 */
export function originAllowed(origin: string | null, ownOrigin: string, allowed: AllowedOrigins): boolean {
  if (origin === null || origin === ownOrigin) return true;
  if (allowed === '*') return true;
  return allowed.includes(origin);
}

/**
 * CORS headers for an answer to `origin`. The origin is reflected rather than `*`
 * so a merchant can later add credentials without changing clients; `Retry-After`
 * is exposed because it is not a CORS-safelisted response header and the bundle must read it.
 */
export function corsHeaders(origin: string | null, ownOrigin: string, allowed: AllowedOrigins): Record<string, string> {
  if (origin === null || !originAllowed(origin, ownOrigin, allowed)) return { vary: 'Origin' };
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': 'Retry-After, Idempotent-Replayed',
    vary: 'Origin',
  };
}

/** Headers of a preflight answer: what a cross-origin caller may send. */
export function preflightHeaders(): Record<string, string> {
  return {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': 'Content-Type, Regulars-Contract',
    'access-control-max-age': '7200',
  };
}

/** Copies `headers` onto a response (responses from `new Response` have mutable headers). */
export function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'vary' && response.headers.has('vary')) response.headers.append('vary', value);
    else response.headers.set(name, value);
  }
  return response;
}

/** Default largest accepted request body: 64 KB holds a full batch of 50 events with room to spare. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Reads the request body as a JSON object, enforcing the media type, UTF-8 and `limit` bytes.
 * `text/plain` is accepted because it is what keeps a cross-origin POST "simple" (no preflight)
 * and what `navigator.sendBeacon` sends for a string; a missing type is accepted for Blob beacons.
 * HTML form encodings are refused so a hostile page's `<form>` cannot post here.
 */
export async function readJsonBody(request: Request, limit: number): Promise<Record<string, unknown>> {
  checkMediaType(request.headers.get('content-type'));
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw payloadTooLarge(limit);
  const bytes = await readLimited(request, limit);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid UTF-8.');
  }
  if (text.trim() === '') throw new HttpError(400, 'invalid_json', 'The body is empty; send a JSON object.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'invalid_request', 'The body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

function checkMediaType(contentType: string | null): void {
  if (contentType === null || contentType.trim() === '') return;
  const [essence, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (essence !== 'text/plain' && essence !== 'application/json') {
    throw new HttpError(415, 'unsupported_media_type', 'Send the JSON body as text/plain;charset=UTF-8 or application/json.');
  }
  const charset = parameters.find((parameter) => parameter.startsWith('charset='));
  if (charset && charset.slice('charset='.length).replace(/"/g, '') !== 'utf-8') {
    throw new HttpError(415, 'unsupported_media_type', 'The body must be UTF-8.');
  }
}

function payloadTooLarge(limit: number): HttpError {
  return new HttpError(413, 'payload_too_large', `The body exceeds ${limit} bytes.`);
}

/** Reads at most `limit` bytes, stopping (and cancelling the stream) as soon as a chunk crosses it. */
async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw payloadTooLarge(limit);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'unreadable_body', 'The body could not be read.');
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
