// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createEndpointHandler, type WheelOptions } from './handler';
import { createMemoryStore } from './store';
import { call, createTestClock, readError, readJson } from './testing';

const DAY = 24 * 60 * 60 * 1000;

const WHEEL: WheelOptions = {
  spinEveryMs: 30 * DAY,
  segments: [
    { id: 'ten', label: '10% off', color: '#1f6f5c', weight: 50, prize: { label: '10% off your next order', codePrefix: 'SPIN10', validForMs: 7 * DAY } },
    { id: 'ship', label: 'Free shipping', weight: 30, prize: { label: 'Free shipping', codePrefix: 'SHIP' } },
    { id: 'none', label: 'Next time', weight: 20 },
    { id: 'jackpot', label: 'Jackpot', weight: 0, prize: { label: 'Everything free', cap: 1 } },
  ],
};

interface SpinAnswer {
  segment: string;
  prize: { label: string; code: string; expiresAt: string } | null;
}

interface WheelAnswer {
  available: boolean;
  segments: Array<{ id: string; label: string; color?: string }>;
  requiresEmail: boolean;
  retryAt?: string;
  previous?: SpinAnswer;
}

const spin = (handler: ReturnType<typeof createEndpointHandler>, body: Record<string, unknown>, clientAddress = '192.0.2.1'): Promise<Response> =>
  call(handler, 'POST', '/wheel/spin?v=1', body, { clientAddress });

describe('GET /wheel', () => {
  it('describes the segments without their odds, prizes or caps', async () => {
    const handler = createEndpointHandler({ wheel: WHEEL });
    const response = await call(handler, 'GET', '/wheel?v=1&shopper=s1');
    const text = await response.clone().text();
    expect(await readJson(response)).toEqual({
      available: true,
      requiresEmail: false,
      segments: [
        { id: 'ten', label: '10% off', color: '#1f6f5c' },
        { id: 'ship', label: 'Free shipping' },
        { id: 'none', label: 'Next time' },
        { id: 'jackpot', label: 'Jackpot' },
      ],
    });
    for (const secret of ['weight', 'cap', 'SPIN10', 'your next order', 'validFor']) expect(text).not.toContain(secret);
  });

  it('needs a shopper, and answers 404 when the shop has no wheel', async () => {
    expect((await readError(await call(createEndpointHandler({ wheel: WHEEL }), 'GET', '/wheel'))).message).toMatch(/shopper/);
    const none = await call(createEndpointHandler(), 'GET', '/wheel?shopper=s1');
    expect(none.status).toBe(404);
    expect((await readError(none)).code).toBe('not_configured');
  });
});

describe('POST /wheel/spin', () => {
  it('draws a segment and hands out a unique expiring code for a prize', async () => {
    const clock = createTestClock();
    const handler = createEndpointHandler({ wheel: WHEEL, now: clock.now, random: () => 0.1, rateLimits: { spin: false } });
    const answer = await readJson<SpinAnswer>(await spin(handler, { shopper: 's1' }));
    expect(answer.segment).toBe('ten');
    expect(answer.prize?.label).toBe('10% off your next order');
    expect(answer.prize?.code).toMatch(/^SPIN10-[A-HJ-NP-Z2-9]{10}$/);
    expect(answer.prize?.expiresAt).toBe(new Date(clock.now() + 7 * DAY).toISOString());

    const codes = new Set<string>([answer.prize!.code]);
    for (let index = 2; index <= 200; index += 1) codes.add((await readJson<SpinAnswer>(await spin(handler, { shopper: `s${index}` }))).prize!.code);
    expect(codes.size).toBe(200);
  });

  it('answers prize null for a losing segment', async () => {
    const handler = createEndpointHandler({ wheel: WHEEL, random: () => 0.9 });
    expect(await readJson(await spin(handler, { shopper: 's1' }))).toEqual({ segment: 'none', prize: null });
  });

  it('allows one spin per shopper: 429 already_spun with retryAt, then again after the period', async () => {
    const clock = createTestClock();
    const handler = createEndpointHandler({ wheel: WHEEL, now: clock.now });
    const first = await readJson<SpinAnswer>(await spin(handler, { shopper: 's1' }));
    clock.advance(DAY);
    const second = await spin(handler, { shopper: 's1' });
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe(String(29 * 24 * 60 * 60));
    const error = await readError(second);
    expect(error.code).toBe('already_spun');
    const retryAt = new Date(clock.now() + 29 * DAY).toISOString();
    expect(error.retryAt).toBe(retryAt);

    const wheel = await readJson<WheelAnswer>(await call(handler, 'GET', '/wheel?shopper=s1'));
    expect(wheel.available).toBe(false);
    expect(wheel.retryAt).toBe(retryAt);
    // The earlier result comes back, so a spin whose answer was lost still shows its code.
    expect(wheel.previous).toEqual(first);

    clock.advance(29 * DAY);
    expect((await spin(handler, { shopper: 's1' })).status).toBe(200);
  });

  it('answers a repeated attempt with the spin it recorded, Idempotent-Replayed, and another attempt with already_spun', async () => {
    const clock = createTestClock();
    const handler = createEndpointHandler({ wheel: { ...WHEEL, requiresEmail: true }, now: clock.now });
    const body = { shopper: 's1', email: 'ada@example.com', attempt: '5c1e0c1a-7a47-4d3e-9f55-3f2b8e0f4c21', locale: 'en' };
    const first = await spin(handler, body);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const won = await readJson<SpinAnswer>(first);
    clock.advance(60_000);
    const again = await spin(handler, body);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await readJson<SpinAnswer>(again)).toEqual(won);
    const other = await spin(handler, { ...body, attempt: 'another-attempt' });
    expect(other.status).toBe(429);
    expect((await readError(other)).code).toBe('already_spun');
    expect((await readError(await spin(handler, { ...body, attempt: undefined }))).code).toBe('already_spun');
  });

  it('answers the same attempt from another shopper with 409 idempotency_conflict, recording nothing', async () => {
    const handler = createEndpointHandler({ wheel: WHEEL });
    expect((await spin(handler, { shopper: 's1', attempt: 'a-1' })).status).toBe(200);
    const stolen = await spin(handler, { shopper: 's2', attempt: 'a-1' });
    expect(stolen.status).toBe(409);
    expect((await readError(stolen)).code).toBe('idempotency_conflict');
    expect((await readJson<WheelAnswer>(await call(handler, 'GET', '/wheel?shopper=s2'))).available).toBe(true);
  });

  it('replays the attempt that took the last prize, once nothing is left to draw', async () => {
    const handler = createEndpointHandler({ wheel: { segments: [{ id: 'a', label: 'A', weight: 1, prize: { label: 'A', cap: 1 } }, { id: 'b', label: 'B', weight: 0 }] } });
    const won = await readJson<SpinAnswer>(await spin(handler, { shopper: 's1', attempt: 'last' }));
    const again = await spin(handler, { shopper: 's1', attempt: 'last' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await readJson<SpinAnswer>(again)).toEqual(won);
  });

  it('allows one spin per email across shoppers, whatever its case', async () => {
    const handler = createEndpointHandler({ wheel: WHEEL });
    expect((await spin(handler, { shopper: 's1', email: 'ada@example.com' })).status).toBe(200);
    const other = await spin(handler, { shopper: 's2', email: 'ADA@example.com' });
    expect(other.status).toBe(429);
    expect((await readError(other)).code).toBe('already_spun');
    const wheel = await readJson<WheelAnswer>(await call(handler, 'GET', '/wheel?shopper=s2&email=ada%40example.com'));
    expect(wheel.available).toBe(false);
    // Knowing an email must not reveal the code won with it.
    expect(wheel.previous).toBeUndefined();
    expect((await readJson<WheelAnswer>(await call(handler, 'GET', '/wheel?shopper=s2'))).available).toBe(true);
  });

  it('gives exactly one prize to 100 parallel spins of one shopper', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store, wheel: WHEEL, random: () => 0 });
    // Different addresses, so the per-address limit is not what stops them.
    const answers = await Promise.all(Array.from({ length: 100 }, (_, index) => spin(handler, { shopper: 'greedy' }, `198.51.100.${index}`)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 429)).toHaveLength(99);
    for (const answer of answers.filter((candidate) => candidate.status === 429)) expect((await readError(answer)).code).toBe('already_spun');
    expect(await store.prizeCounts()).toEqual({ ten: 1 });
  });

  it('never hands out more of a capped prize than its cap, even to parallel spins', async () => {
    const store = createMemoryStore();
    const wheel: WheelOptions = {
      segments: [
        { id: 'big', label: 'Big', weight: 1000, prize: { label: 'Big prize', cap: 3 } },
        { id: 'small', label: 'Small', weight: 1 },
      ],
    };
    const handler = createEndpointHandler({ store, wheel, rateLimits: { spin: false } });
    const answers = await Promise.all(Array.from({ length: 40 }, (_, index) => spin(handler, { shopper: `s${index}` })));
    const segments = await Promise.all(answers.map(async (answer) => (await readJson<SpinAnswer>(answer)).segment));
    expect(segments.filter((segment) => segment === 'big')).toHaveLength(3);
    expect(segments.filter((segment) => segment === 'small')).toHaveLength(37);
    expect(await store.prizeCounts()).toEqual({ big: 3 });
  });

  it('answers 409 wheel_unavailable once every prize is handed out and nothing else can be drawn', async () => {
    const wheel: WheelOptions = {
      segments: [
        { id: 'a', label: 'A', weight: 1, prize: { label: 'A', cap: 1 } },
        { id: 'b', label: 'B', weight: 1, prize: { label: 'B', cap: 1 } },
      ],
    };
    const handler = createEndpointHandler({ wheel });
    expect((await spin(handler, { shopper: 's1' })).status).toBe(200);
    expect((await spin(handler, { shopper: 's2' })).status).toBe(200);
    const third = await spin(handler, { shopper: 's3' });
    expect(third.status).toBe(409);
    expect((await readError(third)).code).toBe('wheel_unavailable');
    expect((await readJson<WheelAnswer>(await call(handler, 'GET', '/wheel?shopper=s3'))).available).toBe(false);
    expect((await readError(await spin(handler, { shopper: 's1' }))).code).toBe('already_spun');
  });

  it('draws segments with their configured odds', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store, wheel: WHEEL, rateLimits: { spin: false } });
    const spins = 20_000;
    const counts: Record<string, number> = {};
    for (let index = 0; index < spins; index += 1) {
      const { segment } = await readJson<SpinAnswer>(await spin(handler, { shopper: `odds-${index}` }));
      counts[segment] = (counts[segment] ?? 0) + 1;
    }
    // Five standard deviations of a binomial share at n = 20 000 is under 0.018.
    expect(Math.abs((counts.ten ?? 0) / spins - 0.5)).toBeLessThan(0.018);
    expect(Math.abs((counts.ship ?? 0) / spins - 0.3)).toBeLessThan(0.018);
    expect(Math.abs((counts.none ?? 0) / spins - 0.2)).toBeLessThan(0.018);
    expect(counts.jackpot).toBeUndefined();
  }, 30_000);

  it('needs an email when the wheel asks for one, and checks it', async () => {
    const handler = createEndpointHandler({ wheel: { ...WHEEL, requiresEmail: true } });
    expect((await readJson<WheelAnswer>(await call(handler, 'GET', '/wheel?shopper=s1'))).requiresEmail).toBe(true);
    const missing = await spin(handler, { shopper: 's1' });
    expect(missing.status).toBe(400);
    expect((await readError(missing)).code).toBe('email_required');
    expect((await readError(await spin(handler, { shopper: 's1', email: 'nope' }))).code).toBe('invalid_email');
    expect((await spin(handler, { shopper: 's1', email: 'ada@example.com', consent: { marketing: true } })).status).toBe(200);
  });

  it('validates the body', async () => {
    const handler = createEndpointHandler({ wheel: WHEEL, rateLimits: { spin: false } });
    expect((await readError(await spin(handler, {}))).message).toMatch(/^shopper/);
    expect((await readError(await spin(handler, { shopper: 's1', consent: 'yes' }))).message).toMatch(/consent/);
    for (const attempt of ['', 'x'.repeat(65), 'has space', 'ünïcode', '<script>', 42, true, {}, ['a']]) {
      const refused = await spin(handler, { shopper: 's1', attempt });
      expect(refused.status).toBe(400);
      expect(await readError(refused)).toEqual({ code: 'invalid_request', message: expect.stringMatching(/^attempt must be a string of 1 to 64 /) });
    }
    expect((await spin(handler, { shopper: 's1', attempt: null })).status).toBe(200);
    expect((await spin(handler, { shopper: 's2', attempt: `A-z_0.9:${'x'.repeat(56)}` })).status).toBe(200);
  });

  it('limits spins per client address', async () => {
    const handler = createEndpointHandler({ wheel: WHEEL, rateLimits: { spin: { max: 3, windowMs: 60_000 } } });
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) statuses.push((await spin(handler, { shopper: `s${index}` }, '203.0.113.9')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});

describe('prize codes', () => {
  it('redeem once, only before they expire', async () => {
    const store = createMemoryStore();
    const clock = createTestClock();
    const handler = createEndpointHandler({ store, wheel: WHEEL, now: clock.now, random: () => 0 });
    const { prize } = await readJson<SpinAnswer>(await spin(handler, { shopper: 's1' }));
    expect(await store.redeemCode(prize!.code, clock.now())).toBe('redeemed');
    expect(await store.redeemCode(prize!.code, clock.now())).toBe('already_redeemed');
    expect(await store.redeemCode('SPIN10-NOTAREALCODE', clock.now())).toBe('unknown');
    const late = await readJson<SpinAnswer>(await spin(handler, { shopper: 's2' }));
    expect(await store.redeemCode(late.prize!.code, clock.now() + 7 * DAY)).toBe('expired');
  });
});

describe("labels in the shopper's language", () => {
  const TRANSLATED: WheelOptions = {
    segments: [
      { id: 'ten', label: { en: '10% off', sv: '10 % rabatt', 'nl-BE': '10% korting' }, weight: 1, prize: { label: { en: '10% off your next order', sv: '10 % rabatt på nästa köp' }, codePrefix: 'SPIN10' } },
      { id: 'none', label: 'Next time', weight: 0 },
    ],
  };
  const labels = async (handler: ReturnType<typeof createEndpointHandler>, query: string) =>
    (await readJson<WheelAnswer>(await call(handler, 'GET', `/wheel?v=1&shopper=s1${query}`))).segments.map((segment) => segment.label);

  it('answers each label for the asked locale: its exact tag, else its language, else another tag of that language, else the default', async () => {
    const handler = createEndpointHandler({ wheel: TRANSLATED });
    expect(await labels(handler, '&locale=sv')).toEqual(['10 % rabatt', 'Next time']);
    expect(await labels(handler, '&locale=sv-SE')).toEqual(['10 % rabatt', 'Next time']);
    expect(await labels(handler, '&locale=SV-fi')).toEqual(['10 % rabatt', 'Next time']);
    expect(await labels(handler, '&locale=nl')).toEqual(['10% korting', 'Next time']);
    expect(await labels(handler, '&locale=da')).toEqual(['10% off', 'Next time']);
    expect(await labels(handler, '')).toEqual(['10% off', 'Next time']);
  });

  it('takes the first translation as the default, whatever its language', async () => {
    const handler = createEndpointHandler({ wheel: { segments: [{ id: 'a', label: { sv: 'Gratis frakt', en: 'Free shipping' }, weight: 1 }, { id: 'b', label: 'B', weight: 1 }] } });
    expect(await labels(handler, '&locale=th')).toEqual(['Gratis frakt', 'B']);
    expect(await labels(handler, '&locale=en-GB')).toEqual(['Free shipping', 'B']);
  });

  it('ignores a locale that is not a short language tag, rather than refusing the request', async () => {
    const handler = createEndpointHandler({ wheel: TRANSLATED, rateLimits: { spin: false } });
    for (const locale of ['<svg>', 'sv_SE', 'x', `sv-${'a'.repeat(40)}`, 'sv-SE-a-b-c', '']) {
      expect(await labels(handler, `&locale=${encodeURIComponent(locale)}`)).toEqual(['10% off', 'Next time']);
    }
    for (const locale of [42, { sv: true }, ['sv'], 'sv SE']) {
      const answer = await readJson<SpinAnswer>(await spin(handler, { shopper: `odd-${JSON.stringify(locale)}`, locale }));
      expect(answer.prize?.label).toBe('10% off your next order');
    }
  });

  it("answers the won prize in the spin's locale, keeps the default, and answers previous in the locale asking later", async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store, wheel: TRANSLATED });
    const answer = await readJson<SpinAnswer>(await spin(handler, { shopper: 's1', locale: 'sv-SE' }));
    expect(answer.prize?.label).toBe('10 % rabatt på nästa köp');
    expect((await store.findSpin({ shopper: 's1', since: 0 }))?.prize?.label).toBe('10% off your next order');

    const previous = async (query: string) => (await readJson<WheelAnswer>(await call(handler, 'GET', `/wheel?v=1&shopper=s1${query}`))).previous;
    // The shopper switched the shop to English: the same prize, the same code, in English.
    expect(await previous('&locale=en')).toEqual({ segment: 'ten', prize: { ...answer.prize, label: '10% off your next order' } });
    expect(await previous('&locale=sv')).toEqual(answer);
    expect((await previous(''))?.prize?.label).toBe('10% off your next order');
  });

  it('answers the label a prize was won with once the merchant renamed the prize', async () => {
    const store = createMemoryStore();
    await spin(createEndpointHandler({ store, wheel: TRANSLATED }), { shopper: 's1', locale: 'sv' });
    const renamed = structuredClone(TRANSLATED);
    renamed.segments[0]!.prize!.label = { en: '15% off your next order', sv: '15 % rabatt på nästa köp' };
    const wheel = await readJson<WheelAnswer>(await call(createEndpointHandler({ store, wheel: renamed }), 'GET', '/wheel?v=1&shopper=s1&locale=sv'));
    expect(wheel.previous?.prize?.label).toBe('10% off your next order');
  });

  it('keeps plain string labels as they were, in every locale', async () => {
    const handler = createEndpointHandler({ wheel: WHEEL, random: () => 0.1 });
    expect(await labels(handler, '&locale=sv')).toEqual(['10% off', 'Free shipping', 'Next time', 'Jackpot']);
    expect((await readJson<SpinAnswer>(await spin(handler, { shopper: 's1', locale: 'sv' }))).prize?.label).toBe('10% off your next order');
    expect((await readJson<WheelAnswer>(await call(handler, 'GET', '/wheel?v=1&shopper=s1&locale=da'))).previous?.prize?.label).toBe('10% off your next order');
  });

  it('refuses wrong translations when created, naming the label and the fix', () => {
    const withLabel = (label: unknown, prizeLabel: unknown = 'Prize') => () =>
      createEndpointHandler({ wheel: { segments: [{ id: 'a', label: label as string, weight: 1, prize: { label: prizeLabel as string } }, { id: 'b', label: 'B', weight: 1 }] } });
    expect(withLabel({})).toThrow('option wheel.segments[0].label has no translations. Give at least the default text, such as { en: "10% off", sv: "10 % rabatt" }; the first one is the default.');
    expect(withLabel(['10% off'])).toThrow(/option wheel\.segments\[0\]\.label must be a non-empty string or translations such as/);
    expect(withLabel(null)).toThrow(/option wheel\.segments\[0\]\.label must be a non-empty string or translations/);
    expect(withLabel({ english: '10% off' })).toThrow('option wheel.segments[0].label.english is not a language tag. Key translations by tags such as "en", "sv" or "sv-SE".');
    expect(withLabel({ en: '10% off', sv: ' ' })).toThrow('option wheel.segments[0].label.sv must be a non-empty string. Name what the shopper wins.');
    expect(withLabel({ en: '10% off', sv: 10 })).toThrow(/wheel\.segments\[0\]\.label\.sv must be a non-empty string/);
    expect(withLabel({ sv: 'Rabatt', SV: 'Rabatt' })).toThrow('option wheel.segments[0].label.SV repeats a language. Give each language once (tags ignore case).');
    expect(withLabel('A', { en: 'A prize', 'sv-': 'Ett pris' })).toThrow(/option wheel\.segments\[0\]\.prize\.label\.sv- is not a language tag/);
    expect(withLabel('A', { en: '' })).toThrow('option wheel.segments[0].prize.label.en must be a non-empty string. Describe the prize.');
    expect(withLabel({ en: '10% off', 'sv-SE': '10 % rabatt' }, { en: 'A prize', sv: 'Ett pris' })).not.toThrow();
  });
});
