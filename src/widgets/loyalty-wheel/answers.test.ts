import { describe, expect, it } from 'vitest';
import { readPrize, readSpin, readWheel } from './answers';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const segments = [
  { id: 'ten', label: '10% off', color: '#1f6f5c' },
  { id: 'none', label: 'Next time' },
];

describe('wheel answers', () => {
  it('reads a wheel, keeping only usable colours', () => {
    const wheel = readWheel({ available: true, segments: [...segments, { id: 'x', label: 'X', color: 'expression(alert(1))' }], requiresEmail: true }, NOW)!;
    expect(wheel.segments.map((segment) => [segment.id, segment.color])).toEqual([
      ['ten', [31, 111, 92]],
      ['none', null],
      ['x', null],
    ]);
    expect(wheel).toMatchObject({ available: true, requiresEmail: true, retryAt: null, spun: false, previous: null });
  });

  it('reads when the shopper may spin again and the spin the endpoint repeats', () => {
    const wheel = readWheel(
      {
        available: false,
        segments,
        requiresEmail: false,
        retryAt: '2026-12-22T10:00:00.000Z',
        previous: { segment: 'ten', prize: { label: '10% off', code: 'SPIN10-AB', expiresAt: '2026-12-06T10:00:00.000Z' } },
      },
      NOW,
    )!;
    expect(wheel.retryAt).toBe(Date.parse('2026-12-22T10:00:00.000Z'));
    expect(wheel.spun).toBe(true);
    expect(wheel.previous).toEqual({ index: 0, prize: { label: '10% off', code: 'SPIN10-AB', expiresAt: Date.parse('2026-12-06T10:00:00.000Z') } });
  });

  it('refuses wheels it cannot draw', () => {
    const wrong: unknown[] = [
      null,
      [],
      { available: true },
      { available: 1, segments },
      { available: true, segments: [segments[0]] },
      { available: true, segments: Array.from({ length: 25 }, (_, index) => ({ id: `s${index}`, label: `S${index}` })) },
      { available: true, segments: [segments[0], { id: 'ten', label: 'Twice' }] },
      { available: true, segments: [segments[0], { id: 'y', label: 7 }] },
      { available: true, segments: [segments[0], 'none'] },
    ];
    for (const value of wrong) expect(readWheel(value, NOW)).toBeNull();
  });

  it('takes a spin only when it names a segment on the wheel and, for a prize, a code that has not expired', () => {
    const prize = { label: '10% off', code: 'SPIN10-AB', expiresAt: '2026-12-06T10:00:00.000Z' };
    expect(readSpin({ segment: 'none', prize: null }, readWheel({ available: true, segments }, NOW)!.segments, NOW)).toEqual({ index: 1, prize: null });
    const parsed = readWheel({ available: true, segments }, NOW)!.segments;
    expect(readSpin({ segment: 'ten', prize }, parsed, NOW)?.prize?.code).toBe('SPIN10-AB');
    expect(readSpin({ segment: 'gold', prize }, parsed, NOW)).toBeNull();
    expect(readSpin({ segment: 'ten' }, parsed, NOW)).toBeNull();
    expect(readSpin({ segment: 'ten', prize: { ...prize, code: ' ' } }, parsed, NOW)).toBeNull();
    expect(readSpin({ segment: 'ten', prize: { ...prize, expiresAt: '2020-01-01T00:00:00Z' } }, parsed, NOW)).toBeNull();
    expect(readSpin({ segment: 'ten', prize: 'SPIN10' }, parsed, NOW)).toBeNull();
  });

  it('reads a kept prize with its expiry as epoch milliseconds', () => {
    expect(readPrize({ label: 'A', code: 'B', expiresAt: 5 })).toEqual({ label: 'A', code: 'B', expiresAt: 5 });
    expect(readPrize({ label: 'A', code: 'B', expiresAt: 'later' })).toBeNull();
  });
});
