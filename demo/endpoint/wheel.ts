/**
 * `GET /wheel` and `POST /wheel/spin`: the loyalty wheel. The endpoint draws the segment
 * (the weights never leave the server), hands out unique expiring codes within each
 * prize's cap, and allows one spin per shopper and per email per period, enforced by
 * the store's atomic `claimSpin`, never by the browser. A spin is idempotent by its optional
 * `attempt` id: a repeat is answered with the spin it recorded.
 */
import type { RouteContext } from './context';
import { HttpError, json, tooManyRequests } from './http';
import { LANGUAGE_TAG, type ResolvedSegment, type ResolvedText, type ResolvedWheel } from './options';
import type { PrizeRecord, SpinRecord } from './store';
import { isObject, optionalEmail, requireBoolean, requireShopper, type JsonObject } from './validate';

// 32 symbols without look-alikes (no I, O, 0, 1), so one random byte masked to 5 bits picks one uniformly.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 10;

/** A fresh prize code such as `SPIN10-7KQ2MXW9PA`: 50 random bits, so codes cannot be guessed. */
export function generatePrizeCode(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(CODE_LENGTH));
  return `${prefix}-${Array.from(bytes, (byte) => CODE_ALPHABET[byte & 31]).join('')}`;
}

/** The segments that can still be drawn: positive weight, not excluded, and prizes left under their cap. */
export function eligibleSegments(
  segments: readonly ResolvedSegment[],
  prizeCounts: Record<string, number>,
  excluded: ReadonlySet<string> = new Set(),
): ResolvedSegment[] {
  return segments.filter(
    (segment) =>
      segment.weight > 0 &&
      !excluded.has(segment.id) &&
      (segment.prize === null || segment.prize.cap === null || (prizeCounts[segment.id] ?? 0) < segment.prize.cap),
  );
}

/** Draws one of `eligible` with probability proportional to its weight; null when there is none. */
export function drawSegment(eligible: readonly ResolvedSegment[], random: () => number): ResolvedSegment | null {
  const total = eligible.reduce((sum, segment) => sum + segment.weight, 0);
  if (total === 0) return null;
  let point = random() * total;
  for (const segment of eligible) {
    point -= segment.weight;
    if (point < 0) return segment;
  }
  // Floating-point rounding can leave `point` a hair above zero after the last segment.
  return eligible[eligible.length - 1]!;
}

function requireWheel(context: RouteContext): ResolvedWheel {
  const wheel = context.options.wheel;
  if (!wheel) throw new HttpError(404, 'not_configured', 'This shop has no loyalty wheel.');
  return wheel;
}

/**
 * The shopper's language from the request's `locale` (lower case), or null: anything that is not a
 * short language tag is ignored, never refused, so an odd value costs only the translation.
 */
export function readLocale(value: unknown): string | null {
  return typeof value === 'string' && LANGUAGE_TAG.test(value) ? value.toLowerCase() : null;
}

/** The text in `locale`: its exact tag, else its language, else another tag of that language, else the default. */
export function pickText(text: ResolvedText, locale: string | null): string {
  if (locale === null || text.translations.size === 0) return text.fallback;
  const language = locale.split('-')[0]!;
  const exact = text.translations.get(locale) ?? text.translations.get(language);
  if (exact !== undefined) return exact;
  for (const [tag, translation] of text.translations) if (tag.startsWith(`${language}-`)) return translation;
  return text.fallback;
}

/**
 * A spin's prize as the shopper reads it. The spin keeps the default label it was won with; while
 * the wheel still gives that prize under that label, its translation in `locale` is answered,
 * otherwise (the merchant changed the prize since) the label kept.
 */
function publicPrize(wheel: ResolvedWheel, segmentId: string, prize: PrizeRecord | null, locale: string | null): { label: string; code: string; expiresAt: string } | null {
  if (!prize) return null;
  const current = wheel.segments.find((segment) => segment.id === segmentId)?.prize?.label;
  const label = current?.fallback === prize.label ? pickText(current, locale) : prize.label;
  return { label, code: prize.code, expiresAt: new Date(prize.expiresAt).toISOString() };
}

// What a random id needs (a UUID fits), and nothing that could surprise a log or a database: letters, digits, `-`, `_`, `.`, `:`.
const ATTEMPT = /^[A-Za-z0-9._:-]{1,64}$/;

/** The client's id of this spin attempt (optional; `null` counts as absent): 1–64 letters, digits, `-`, `_`, `.` or `:`. */
function readAttempt(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !ATTEMPT.test(value)) {
    throw new HttpError(400, 'invalid_request', 'attempt must be a string of 1 to 64 letters, digits, "-", "_", "." or ":".');
  }
  return value;
}

/** The answer to a spin: its segment and prize (in `locale`); a repeat of a recorded attempt says it is one. */
function spinAnswer(wheel: ResolvedWheel, spin: SpinRecord, locale: string | null, replayed = false): Response {
  return json(200, { segment: spin.segment, prize: publicPrize(wheel, spin.segment, spin.prize, locale) }, replayed ? { 'idempotent-replayed': 'true' } : {});
}

function alreadySpun(previous: SpinRecord, wheel: ResolvedWheel, now: number): HttpError {
  return tooManyRequests('already_spun', 'This shopper already spun the wheel; try again later.', previous.at + wheel.spinEveryMs, now);
}

// The wheel accepts `consent: { marketing: true }` like the account prompt, or a bare boolean.
function readMarketingConsent(body: JsonObject): boolean {
  if (body.consent === undefined || body.consent === null) return false;
  if (typeof body.consent === 'boolean') return body.consent;
  if (isObject(body.consent)) return requireBoolean(body.consent.marketing, 'consent.marketing');
  throw new HttpError(400, 'invalid_request', 'consent must be { "marketing": true | false }.');
}

/** Describes the wheel: its public segments and whether this shopper may spin now. */
export async function getWheel(context: RouteContext): Promise<Response> {
  const wheel = requireWheel(context);
  const shopper = requireShopper(context.url.searchParams.get('shopper') ?? undefined);
  const email = optionalEmail(context.url.searchParams.get('email') ?? undefined);
  const locale = readLocale(context.url.searchParams.get('locale'));
  const { store } = context.options;
  const previous = await store.findSpin({ shopper, ...(email ? { email } : {}), since: context.now - wheel.spinEveryMs });
  const drawable = eligibleSegments(wheel.segments, await store.prizeCounts()).length > 0;
  return json(200, {
    available: previous === null && drawable,
    segments: wheel.segments.map(({ id, label, color }) => ({ id, label: pickText(label, locale), ...(color ? { color } : {}) })),
    requiresEmail: wheel.requiresEmail,
    ...(previous
      ? {
          retryAt: new Date(previous.at + wheel.spinEveryMs).toISOString(),
          // The earlier result lets the bundle show the code again when the spin's answer was lost;
          // only to the shopper who spun, never to whoever knows their email.
          ...(previous.shopper === shopper ? { previous: { segment: previous.segment, prize: publicPrize(wheel, previous.segment, previous.prize, locale) } } : {}),
        }
      : {}),
  });
}

/** Spins the wheel for a shopper: draws, records atomically, answers the segment and prize. */
export async function postSpin(context: RouteContext): Promise<Response> {
  const wheel = requireWheel(context);
  await context.limit('spin');
  const body = await context.body();
  const shopper = requireShopper(body.shopper);
  const email = optionalEmail(body.email);
  if (wheel.requiresEmail && !email) throw new HttpError(400, 'email_required', 'This wheel needs an email address to spin.');
  const marketingConsent = readMarketingConsent(body);
  const locale = readLocale(body.locale);
  const attempt = readAttempt(body.attempt);
  const { store } = context.options;
  const since = context.now - wheel.spinEveryMs;
  const excluded = new Set<string>();

  // Each claim is atomic on its own; a lost race for the last capped prize or a code clash just draws again.
  for (let draw = 0; draw < wheel.segments.length + 5; draw += 1) {
    const segment = drawSegment(eligibleSegments(wheel.segments, await store.prizeCounts(), excluded), context.options.random);
    if (!segment) {
      // A shopper who already spun hears that (with when to come back) rather than that the prizes ran out.
      const previous = await store.findSpin({ shopper, ...(email ? { email } : {}), since });
      // A repeat of the attempt that took the last prize still gets its answer.
      if (previous && attempt !== undefined && previous.attempt === attempt && previous.shopper === shopper) return spinAnswer(wheel, previous, locale, true);
      if (previous) throw alreadySpun(previous, wheel, context.now);
      throw new HttpError(409, 'wheel_unavailable', 'Every prize of this wheel has been handed out.');
    }
    const prize: PrizeRecord | null = segment.prize
      ? { label: segment.prize.label.fallback, code: generatePrizeCode(segment.prize.codePrefix), expiresAt: context.now + segment.prize.validForMs }
      : null;
    const spin: SpinRecord = { shopper, ...(email ? { email } : {}), marketingConsent, segment: segment.id, prize, at: context.now, ...(attempt !== undefined ? { attempt } : {}) };
    const claim = await store.claimSpin(spin, { since, prizeCap: segment.prize?.cap ?? null });
    if (claim.status === 'claimed') return spinAnswer(wheel, spin, locale);
    // The same attempt again (its answer was lost): the recorded spin, not "already spun".
    if (claim.status === 'replayed') return spinAnswer(wheel, claim.previous, locale, true);
    if (claim.status === 'conflict') throw new HttpError(409, 'idempotency_conflict', 'This spin attempt id was already used by another shopper.');
    if (claim.status === 'already_spun') throw alreadySpun(claim.previous, wheel, context.now);
    if (claim.status === 'capped') excluded.add(segment.id);
  }
  throw new HttpError(503, 'unavailable', 'The wheel could not record the spin; retry shortly.', { headers: { 'retry-after': '1' } });
}
