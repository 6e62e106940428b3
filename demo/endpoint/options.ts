/**
 * Options of the reference endpoint and their validation. A wrong option throws at
 * `createEndpointHandler` time (on the merchant's server, never in a shopper's browser),
 * naming the option and the fix.
 */
import { CHANNEL_KINDS, safeChannelUrl, type ChatChannel } from '../../src/widgets/chat/channels';
import { DEFAULT_BODY_LIMIT, type AllowedOrigins } from './http';
import { createMemoryStore, type EndpointStore } from './store';
import type { GivenUpWebhooks } from './webhook-queue';

/**
 * A text the shopper reads: one string for every language, or its translations keyed by language
 * tag, such as `{ en: "10% off", sv: "10 % rabatt" }`. The first entry is the default, answered when
 * the shopper's language has none; it is also the text kept with a spin.
 */
export type WheelText = string | Record<string, string>;

/** A prize a wheel segment hands out. */
export interface WheelPrizeOptions {
  /** What the shopper reads, such as "10% off your next order". */
  label: WheelText;
  /** Start of every code of this prize, such as `SPIN10`; letters, digits and dashes. */
  codePrefix?: string;
  /** How long a code stays valid (default 14 days). */
  validForMs?: number;
  /** Most prizes of this segment ever handed out; once reached the segment is no longer drawn. */
  cap?: number;
}

/** One segment of the loyalty wheel; only `id`, `label` and `color` ever leave the server. */
export interface WheelSegmentOptions {
  id: string;
  label: WheelText;
  /** A CSS hex colour such as `#f4b400`. */
  color?: string;
  /** Relative odds; 0 keeps the segment on the wheel but never draws it. */
  weight: number;
  /** Absent for a "no luck this time" segment. */
  prize?: WheelPrizeOptions;
}

/** The loyalty wheel, configured on the server so its odds never reach the browser. */
export interface WheelOptions {
  segments: WheelSegmentOptions[];
  /** Whether a spin needs an email address (one spin per email too). */
  requiresEmail?: boolean;
  /** How long a shopper (or email) waits between spins (default 30 days). */
  spinEveryMs?: number;
}

/** Another way to reach the shop, shown beside the chat: the same shape the chat panel reads. */
export type { ChatChannel };

/** Chat settings. */
export interface ChatOptions {
  channels?: ChatChannel[];
  /** Typical minutes until an agent answers; the bundle words it in the shopper's language. */
  replyTimeMinutes?: number;
  /** How long after an agent's last heartbeat they still count as online (default 30 s). */
  agentPresenceMs?: number;
}

/** What `POST /products/status` asks about one product. */
export interface ProductQuery {
  id: string;
  url?: string;
}

/** The live state of one product; `id` is the id the bundle asked about. */
export interface ProductStatus {
  id: string;
  price: number;
  currency: string;
  available: boolean;
  stock?: number;
}

/** Looks products up in the merchant's catalogue; unknown products are left out of the answer. */
export type ProductLookup = (queries: ProductQuery[]) => ProductStatus[] | Promise<ProductStatus[]>;

/** A fixed-window limit of requests per client address and, for writes, per shopper. */
export interface RateLimit {
  /** Most requests from one client address in a window. */
  max: number;
  windowMs: number;
  /**
   * Most requests naming one shopper in a window, whatever their address: many shoppers can share
   * one address (an office, a mobile carrier), so the address limit is generous and this one is not.
   */
  maxPerShopper?: number;
}

/** The routes that count requests: the writes, the catalogue lookup, every other read, and the agent inbox. */
export type RateLimitedRoute = 'events' | 'accounts' | 'spin' | 'chat' | 'products' | 'reads' | 'agent';

/** Options of `createEndpointHandler`; every one has a default. */
export interface EndpointOptions {
  /** Path prefix the routes live under (default `/regulars`). */
  basePath?: string;
  /** Where state lives (default: a new in-memory store). */
  store?: EndpointStore;
  /** Browser origins allowed to call (default `'*'`; same-origin calls are always allowed). */
  allowedOrigins?: AllowedOrigins;
  /** Whether new accounts must confirm their email first (`verification_sent`). */
  verifyEmails?: boolean;
  /** The loyalty wheel; without it `GET /wheel` answers 404 and the widget stays hidden. */
  wheel?: WheelOptions;
  chat?: ChatOptions;
  /** Bearer token of the agent inbox; without it the `/agent/*` routes answer 404. */
  agentToken?: string;
  /** Secret of the `identityHash` (HMAC-SHA256 of the customer id); without it customer ids are kept as unverified. */
  identitySecret?: string;
  /** Catalogue lookup; without it `POST /products/status` answers 404, which turns price badges off. */
  products?: ProductLookup;
  /** The outbound webhook's given-up deliveries, behind the agent token at `/agent/webhooks`; without it those routes answer 404. */
  webhooks?: GivenUpWebhooks;
  /** Per-route overrides of the default limits (fields left out keep their default); `false` turns a limit off. */
  rateLimits?: Partial<Record<RateLimitedRoute, Partial<RateLimit> | false>>;
  /** Largest accepted body in bytes (default 64 KB). */
  bodyLimit?: number;
  /** Whether to take the client address from `X-Forwarded-For` (only behind a proxy you control). */
  trustProxy?: boolean;
  /** The clock, in epoch milliseconds (tests inject a fixed one). */
  now?: () => number;
  /** A uniform random number in [0, 1) for the wheel draw (default: crypto-strong). */
  random?: () => number;
  /** Called with unexpected errors before answering 500 (default `console.error`). */
  onError?: (error: unknown) => void;
}

/**
 * Default limits: generous per address (many shoppers can share one), tight per shopper for writes.
 * Spins have no per-shopper limit: one spin per shopper and period is already the rule.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<RateLimitedRoute, RateLimit>> = {
  events: { max: 300, windowMs: 60_000, maxPerShopper: 60 },
  accounts: { max: 10, windowMs: 60_000, maxPerShopper: 10 },
  spin: { max: 10, windowMs: 60_000 },
  chat: { max: 60, windowMs: 60_000, maxPerShopper: 30 },
  products: { max: 120, windowMs: 60_000 },
  reads: { max: 600, windowMs: 60_000 },
  agent: { max: 600, windowMs: 60_000 },
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** A wheel text: the default, and the translations keyed by lower-case language tag. */
export interface ResolvedText {
  fallback: string;
  translations: ReadonlyMap<string, string>;
}

/** A wheel prize with its defaults filled in. */
export interface ResolvedPrize {
  label: ResolvedText;
  codePrefix: string;
  validForMs: number;
  cap: number | null;
}

/** A wheel segment with its defaults filled in. */
export interface ResolvedSegment {
  id: string;
  label: ResolvedText;
  color?: string;
  weight: number;
  prize: ResolvedPrize | null;
}

/** A wheel with its defaults filled in. */
export interface ResolvedWheel {
  segments: ResolvedSegment[];
  requiresEmail: boolean;
  spinEveryMs: number;
}

/** Options after validation, with every default filled in. */
export interface ResolvedOptions {
  basePath: string;
  store: EndpointStore;
  allowedOrigins: AllowedOrigins;
  verifyEmails: boolean;
  wheel: ResolvedWheel | null;
  chat: { channels: ChatChannel[]; replyTimeMinutes: number | null; agentPresenceMs: number };
  agentToken: string | null;
  identitySecret: string | null;
  products: ProductLookup | null;
  webhooks: GivenUpWebhooks | null;
  rateLimits: Record<RateLimitedRoute, RateLimit | null>;
  bodyLimit: number;
  trustProxy: boolean;
  now: () => number;
  random: () => number;
  onError: (error: unknown) => void;
}

function fail(option: string, problem: string, fix: string): never {
  throw new TypeError(`Regulars endpoint: option ${option} ${problem}. ${fix}`);
}

function positiveNumber(value: unknown, option: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) fail(option, 'must be a positive number', `Got ${String(value)}.`);
}

/** Uniform in [0, 1) from 53 random bits of the platform's CSPRNG: prizes must not be predictable. */
export function cryptoRandom(): number {
  const [high, low] = crypto.getRandomValues(new Uint32Array(2)) as unknown as [number, number];
  return ((high >>> 5) * 67_108_864 + (low >>> 6)) / 9_007_199_254_740_992;
}

/** A language tag as the bundle sends it: a 2-3 letter language, then up to three subtags (`sv`, `sv-SE`, `zh-Hant-TW`). */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$/;

function resolveText(value: WheelText, option: string, what: string): ResolvedText {
  const example = 'such as { en: "10% off", sv: "10 % rabatt" }';
  if (typeof value === 'string') {
    if (value.trim() === '') fail(option, 'must be a non-empty string', what);
    return { fallback: value, translations: new Map() };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(option, `must be a non-empty string or translations ${example}`, what);
  const entries = Object.entries(value);
  if (entries.length === 0) fail(option, 'has no translations', `Give at least the default text, ${example}; the first one is the default.`);
  const translations = new Map<string, string>();
  for (const [tag, text] of entries) {
    if (!LANGUAGE_TAG.test(tag)) fail(`${option}.${tag}`, 'is not a language tag', 'Key translations by tags such as "en", "sv" or "sv-SE".');
    if (translations.has(tag.toLowerCase())) fail(`${option}.${tag}`, 'repeats a language', 'Give each language once (tags ignore case).');
    if (typeof text !== 'string' || text.trim() === '') fail(`${option}.${tag}`, 'must be a non-empty string', what);
    translations.set(tag.toLowerCase(), text);
  }
  return { fallback: entries[0]![1], translations };
}

function resolveWheel(wheel: WheelOptions | undefined): ResolvedWheel | null {
  if (wheel === undefined) return null;
  if (!Array.isArray(wheel.segments) || wheel.segments.length < 2) {
    fail('wheel.segments', 'needs at least two segments', 'Add segments such as { id: "ten", label: "10% off", weight: 1, prize: { label: "10% off" } }.');
  }
  const ids = new Set<string>();
  const segments = wheel.segments.map((segment, index): ResolvedSegment => {
    const at = `wheel.segments[${index}]`;
    if (typeof segment.id !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(segment.id)) fail(`${at}.id`, 'must be 1-40 letters, digits, _ or -', 'Use a short stable id.');
    if (ids.has(segment.id)) fail(`${at}.id`, `repeats "${segment.id}"`, 'Give every segment its own id.');
    ids.add(segment.id);
    const label = resolveText(segment.label, `${at}.label`, 'Name what the shopper wins.');
    if (segment.color !== undefined && !/^#[0-9a-fA-F]{3,8}$/.test(segment.color)) fail(`${at}.color`, 'must be a hex colour', 'Use a value like "#f4b400".');
    if (typeof segment.weight !== 'number' || !Number.isFinite(segment.weight) || segment.weight < 0) fail(`${at}.weight`, 'must be a number >= 0', 'Use relative odds such as 1, 5 or 20.');
    const base = { id: segment.id, label, weight: segment.weight, ...(segment.color ? { color: segment.color } : {}) };
    if (!segment.prize) return { ...base, prize: null };
    const prize = segment.prize;
    const prizeLabel = resolveText(prize.label, `${at}.prize.label`, 'Describe the prize.');
    const codePrefix = prize.codePrefix ?? 'REG';
    if (!/^[A-Z0-9-]{1,16}$/.test(codePrefix)) fail(`${at}.prize.codePrefix`, 'must be 1-16 upper-case letters, digits or dashes', 'Use a value like "SPIN10".');
    if (prize.validForMs !== undefined) positiveNumber(prize.validForMs, `${at}.prize.validForMs`);
    if (prize.cap !== undefined && (!Number.isInteger(prize.cap) || prize.cap < 0)) fail(`${at}.prize.cap`, 'must be a whole number >= 0', 'Use the most prizes to hand out, or leave it out.');
    return { ...base, prize: { label: prizeLabel, codePrefix, validForMs: prize.validForMs ?? 14 * DAY_MS, cap: prize.cap ?? null } };
  });
  if (!segments.some((segment) => segment.weight > 0)) fail('wheel.segments', 'all have weight 0', 'Give at least one segment a positive weight.');
  if (wheel.spinEveryMs !== undefined) positiveNumber(wheel.spinEveryMs, 'wheel.spinEveryMs');
  return { segments, requiresEmail: wheel.requiresEmail ?? false, spinEveryMs: wheel.spinEveryMs ?? 30 * DAY_MS };
}

function resolveChannels(channels: ChatChannel[] | undefined): ChatChannel[] {
  return (channels ?? []).map((channel, index) => {
    const at = `chat.channels[${index}]`;
    if (!(CHANNEL_KINDS as readonly string[]).includes(channel.kind)) fail(`${at}.kind`, `must be one of ${CHANNEL_KINDS.join(', ')}`, 'The chat panel shows only these kinds.');
    if (channel.label !== undefined && (typeof channel.label !== 'string' || channel.label.trim() === '')) fail(`${at}.label`, 'must be a non-empty string when given', 'Name the channel, or leave the label out for the default.');
    // The same rule the panel applies: http(s), mailto: and tel: links, nothing else.
    const url = safeChannelUrl(channel.url);
    if (!url) fail(`${at}.url`, 'must be an absolute http(s), mailto: or tel: URL', 'Use e.g. "https://wa.me/46701234567", "mailto:help@shop.example" or "tel:+46701234567".');
    return { kind: channel.kind, url, ...(channel.label ? { label: channel.label } : {}) };
  });
}

function resolveBasePath(basePath: string | undefined): string {
  const path = basePath ?? '/regulars';
  if (typeof path !== 'string' || !/^(\/[A-Za-z0-9._~-]+)*\/?$/.test(path)) fail('basePath', 'must be a path such as "/regulars"', `Got ${JSON.stringify(path)}.`);
  return path.replace(/\/$/, '');
}

/** True for a browser origin as the `Origin` header sends it: `https://shop.example` or `http://127.0.0.1:5173`. */
export function isOrigin(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

/** Validates `options` and fills in the defaults. */
export function resolveOptions(options: EndpointOptions): ResolvedOptions {
  if (options.allowedOrigins !== undefined && options.allowedOrigins !== '*') {
    if (!Array.isArray(options.allowedOrigins)) fail('allowedOrigins', 'must be "*" or a list of origins', 'Use ["https://shop.example"].');
    options.allowedOrigins.forEach((origin, index) => {
      if (!isOrigin(origin)) {
        fail(`allowedOrigins[${index}]`, `is not an origin (${JSON.stringify(origin)})`, 'Use scheme, host and port only, such as "https://shop.example", without a path or trailing slash.');
      }
    });
  }
  if (options.agentToken !== undefined && (typeof options.agentToken !== 'string' || options.agentToken.length < 8)) {
    fail('agentToken', 'must be a string of at least 8 characters', 'Use a long random token.');
  }
  if (options.bodyLimit !== undefined) positiveNumber(options.bodyLimit, 'bodyLimit');
  const chat = options.chat ?? {};
  if (chat.replyTimeMinutes !== undefined) positiveNumber(chat.replyTimeMinutes, 'chat.replyTimeMinutes');
  if (chat.agentPresenceMs !== undefined) positiveNumber(chat.agentPresenceMs, 'chat.agentPresenceMs');
  const rateLimits = { ...DEFAULT_RATE_LIMITS } as Record<RateLimitedRoute, RateLimit | null>;
  for (const [route, limit] of Object.entries(options.rateLimits ?? {}) as Array<[RateLimitedRoute, Partial<RateLimit> | false]>) {
    if (!Object.hasOwn(DEFAULT_RATE_LIMITS, route)) fail(`rateLimits.${route}`, 'is not a limited route', `Use one of ${Object.keys(DEFAULT_RATE_LIMITS).join(', ')}.`);
    if (limit === false) {
      rateLimits[route] = null;
      continue;
    }
    // A partial override keeps the other fields of the default, so changing `max` keeps the per-shopper limit.
    const merged: RateLimit = { ...DEFAULT_RATE_LIMITS[route], ...limit };
    positiveNumber(merged.max, `rateLimits.${route}.max`);
    positiveNumber(merged.windowMs, `rateLimits.${route}.windowMs`);
    if (merged.maxPerShopper !== undefined) positiveNumber(merged.maxPerShopper, `rateLimits.${route}.maxPerShopper`);
    rateLimits[route] = merged;
  }
  return {
    basePath: resolveBasePath(options.basePath),
    store: options.store ?? createMemoryStore(),
    allowedOrigins: options.allowedOrigins ?? '*',
    verifyEmails: options.verifyEmails ?? false,
    wheel: resolveWheel(options.wheel),
    chat: {
      channels: resolveChannels(chat.channels),
      replyTimeMinutes: chat.replyTimeMinutes ?? null,
      agentPresenceMs: chat.agentPresenceMs ?? 30_000,
    },
    agentToken: options.agentToken ?? null,
    identitySecret: options.identitySecret ?? null,
    products: options.products ?? null,
    webhooks: options.webhooks ?? null,
    rateLimits,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    now: options.now ?? Date.now,
    random: options.random ?? cryptoRandom,
    onError: options.onError ?? ((error) => console.error('[regulars endpoint]', error)),
  };
}
