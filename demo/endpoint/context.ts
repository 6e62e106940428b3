/**
 * What every route receives: the request, the resolved options, the request's clock
 * reading, the caller's address, and the shared body and rate-limit steps.
 */
import { readJsonBody, tooManyRequests } from './http';
import type { RateLimitedRoute, ResolvedOptions } from './options';
import type { JsonObject } from './validate';

/** The context of one request. */
export interface RouteContext {
  request: Request;
  url: URL;
  /** Values of `:name` segments of the matched route. */
  params: Record<string, string>;
  options: ResolvedOptions;
  /** The clock, read once so one request sees one time. */
  now: number;
  /** The caller's network address, or `unknown` when the runtime does not tell. */
  clientAddress: string;
  /** The JSON body (read and validated once). */
  body(): Promise<JsonObject>;
  /** Counts this request against the route's per-address limit; throws 429 `rate_limited` past it. */
  limit(route: RateLimitedRoute): Promise<void>;
}

/** Builds the context of one request. */
export function createRouteContext(
  request: Request,
  url: URL,
  params: Record<string, string>,
  options: ResolvedOptions,
  clientAddress: string,
): RouteContext {
  const now = options.now();
  let body: Promise<JsonObject> | undefined;
  return {
    request,
    url,
    params,
    options,
    now,
    clientAddress,
    body() {
      body ??= readJsonBody(request, options.bodyLimit);
      return body;
    },
    async limit(route) {
      const limit = options.rateLimits[route];
      if (!limit) return;
      const window = await options.store.hit(`${route}:${clientAddress}`, limit.windowMs, now);
      if (window.count > limit.max) {
        throw tooManyRequests('rate_limited', 'Too many requests from this address; retry later.', window.resetAt, now);
      }
    },
  };
}
