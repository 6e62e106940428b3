import type { EndpointClient, EndpointFailure, Identity, RequestOptions } from '../types';
import { stringify } from './json';

/** The contract version, sent as `?v=` (a custom header would force a CORS preflight). */
export const CONTRACT_VERSION = '1';

/** A failed endpoint call, classified so widgets can show a friendly, localized message. */
export class EndpointError extends Error implements EndpointFailure {
  code: string;
  status: number;
  retryAt?: number;
  constructor(failure: EndpointFailure) {
    super(failure.message ?? failure.code);
    this.name = 'EndpointError';
    this.code = failure.code;
    this.status = failure.status;
    this.retryAt = failure.retryAt;
  }
}

/** Reads `Retry-After` (seconds or an HTTP date) as epoch milliseconds. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return now + Math.max(0, seconds) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date;
}

function parseDate(value: unknown): number | undefined {
  const at = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(at) ? at : undefined;
}

/** Builds `{base}{path}?v=1&...` for an endpoint call. */
export function endpointUrl(base: string, path: string, query?: Record<string, string | undefined>): string {
  const url = new URL(base + path);
  url.searchParams.set('v', CONTRACT_VERSION);
  for (const key of Object.keys(query ?? {})) {
    const value = query![key];
    if (value !== undefined) url.searchParams.set(key, value);
  }
  return url.href;
}

/**
 * Creates the client widgets call the merchant endpoint with. Every call carries the shopper's
 * identity; POST bodies go as `text/plain` JSON so a cross-origin store needs no preflight.
 */
export function createEndpointClient(base: string, identity: () => Identity): EndpointClient {
  return {
    async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
      const { shopper, customer, identityHash } = identity();
      const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
      const who = { shopper, customer, identityHash };
      const url = endpointUrl(base, path, method === 'GET' ? { ...who, ...options.query } : options.query);
      const controller = new AbortController();
      // The deadline covers the body as well as the headers: a body that stalls halfway would otherwise hang forever.
      const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 8000);
      options.signal?.addEventListener('abort', () => controller.abort());
      // Ends the wait on abort even when a page's fetch wrapper hands back a body deaf to the signal.
      const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', reject));
      let response: Response;
      let text: string;
      try {
        [response, text] = await Promise.race([
          fetch(url, {
            method,
            credentials: 'omit',
            keepalive: options.keepalive,
            signal: controller.signal,
            headers: method === 'POST' ? { 'Content-Type': 'text/plain;charset=UTF-8' } : undefined,
            body: method === 'POST' ? stringify({ ...who, ...(options.body as object) }) : undefined,
          }).then(async (answer) => [answer, await answer.text()] as const),
          aborted,
        ]);
      } catch {
        // A body cut off midway is a network failure too: half an answer is no answer.
        throw new EndpointError({ code: controller.signal.aborted ? 'timeout' : 'network', status: 0 });
      } finally {
        clearTimeout(timer);
      }
      let data: unknown = null;
      try {
        data = text ? JSON.parse(text) : null;
      } catch {
        if (response.ok) throw new EndpointError({ code: 'invalid_response', status: response.status });
      }
      if (!response.ok) {
        const error = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error;
        throw new EndpointError({
          code: typeof error?.code === 'string' ? error.code : `http_${response.status}`,
          status: response.status,
          message: typeof error?.message === 'string' ? error.message : undefined,
          // The body's exact date beats Retry-After, which is rounded to whole seconds.
          retryAt: parseDate((error as { retryAt?: unknown } | undefined)?.retryAt) ?? parseRetryAfter(response.headers.get('Retry-After'), Date.now()),
        });
      }
      return data as T;
    },
  };
}
