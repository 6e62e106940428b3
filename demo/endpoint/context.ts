/**
 * What every route receives: the request, the resolved options, the request's clock
 * reading, the caller's address, the handler's chat feed, and the shared body and rate-limit steps.
 */
import type { ChatFeed } from './chat-feed';
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
  /** News of stored chat messages for open streams, shared by every request of one handler. */
  chatFeed: ChatFeed;
  /** The JSON body (read and validated once); for a limited route it also counts the shoppers it names. */
  body(): Promise<JsonObject>;
  /**
   * Counts this request against the route's per-address limit, and (once `body()` has read who
   * it is about) its per-shopper limit; throws 429 `rate_limited` with `Retry-After` past either.
   */
  limit(route: RateLimitedRoute): Promise<void>;
}

/** Most distinct shoppers of one body counted against their limits (a batch normally names one). */
const MAX_SHOPPERS_COUNTED = 5;
/** Longest shopper id that is counted; longer ones fail validation anyway. */
const MAX_SHOPPER_LENGTH = 128;

/** The shoppers a body is about: its `shopper`, or the distinct shoppers of its `events`. */
export function shoppersOf(body: JsonObject): string[] {
  const candidates: unknown[] = [body.shopper];
  if (Array.isArray(body.events)) {
    for (const event of body.events.slice(0, 50)) {
      if (typeof event === 'object' && event !== null) candidates.push((event as JsonObject).shopper);
    }
  }
  const shoppers = new Set<string>();
  for (const candidate of candidates) {
    if (shoppers.size >= MAX_SHOPPERS_COUNTED) break;
    if (typeof candidate === 'string' && candidate !== '' && candidate.length <= MAX_SHOPPER_LENGTH) shoppers.add(candidate);
  }
  return [...shoppers];
}

/** Builds the context of one request. */
export function createRouteContext(
  request: Request,
  url: URL,
  params: Record<string, string>,
  options: ResolvedOptions,
  clientAddress: string,
  chatFeed: ChatFeed,
): RouteContext {
  const now = options.now();
  let body: Promise<JsonObject> | undefined;
  let limitedRoute: RateLimitedRoute | null = null;

  async function count(key: string, max: number, windowMs: number, message: string): Promise<void> {
    const window = await options.store.hit(key, windowMs, now);
    if (window.count > max) throw tooManyRequests('rate_limited', message, window.resetAt, now);
  }

  async function readAndCount(): Promise<JsonObject> {
    const value = await readJsonBody(request, options.bodyLimit);
    const limit = limitedRoute === null ? null : options.rateLimits[limitedRoute];
    if (limit?.maxPerShopper !== undefined) {
      for (const shopper of shoppersOf(value)) {
        await count(`${limitedRoute}:shopper:${shopper}`, limit.maxPerShopper, limit.windowMs, 'Too many requests for this shopper; retry later.');
      }
    }
    return value;
  }

  return {
    request,
    url,
    params,
    options,
    now,
    clientAddress,
    chatFeed,
    body() {
      body ??= readAndCount();
      return body;
    },
    async limit(route) {
      limitedRoute = route;
      const limit = options.rateLimits[route];
      if (!limit) return;
      await count(`${route}:${clientAddress}`, limit.max, limit.windowMs, 'Too many requests from this address; retry later.');
    },
  };
}
