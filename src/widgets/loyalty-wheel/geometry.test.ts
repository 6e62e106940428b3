import { describe, expect, it } from 'vitest';
import { landingRotation, restingAngle, slicePath } from './geometry';

describe('wheel geometry', () => {
  it('lands every slice under the pointer after several forward turns, wherever the wheel starts', () => {
    for (const count of [2, 3, 6, 11, 24]) {
      for (let index = 0; index < count; index += 1) {
        for (const from of [0, 90, 1234.5, -45]) {
          for (const offset of [-0.5, 0, 0.49]) {
            const rotation = landingRotation(from, index, count, offset);
            expect(rotation - from).toBeGreaterThanOrEqual(5 * 360 - 360);
            const angle = restingAngle(rotation, index, count);
            // Within the slice: less than half a slice from the pointer at 0 degrees.
            expect(Math.min(angle, 360 - angle)).toBeLessThan(180 / count);
          }
        }
      }
    }
  });

  it('draws a slice as a clockwise wedge from the centre, starting at the top', () => {
    expect(slicePath(0, 4)).toMatch(/^M0 0L0\.00 -96\.00A96 96 0 0 1 96\.00 -?0\.00Z$/);
    expect(slicePath(1, 2)).toMatch(/^M0 0L0\.00 96\.00A96 96 0 0 1 -0\.00 -96\.00Z$/);
  });
});
