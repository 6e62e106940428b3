import { describe, expect, it } from 'vitest';
import { labelColor, luminance, parseColor, segmentFill, type Rgb } from './colors';

/** WCAG contrast ratio. */
function contrast(one: Rgb, two: Rgb): number {
  const [light, dark] = [luminance(one), luminance(two)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('wheel colours', () => {
  it('reads opaque hex colours', () => {
    expect(parseColor('#1f6f5c')).toEqual([31, 111, 92]);
    expect(parseColor('#ABC')).toEqual([170, 187, 204]);
    expect(parseColor('#abcf')).toEqual([170, 187, 204]);
    expect(parseColor('#102030ff')).toEqual([16, 32, 48]);
    expect(parseColor(' #FFFFFF ')).toEqual([255, 255, 255]);
  });

  it('refuses everything whose label colour could not be worked out', () => {
    for (const value of ['red', '#12', '#12345', '#10203080', 'rgb(1, 2, 3)', '#ggg', 'var(--x)', 'url(javascript:alert(1))', '#fff;x', 12, null, undefined]) {
      expect(parseColor(value)).toBeNull();
    }
  });

  it('picks a label colour with at least 4.5:1 contrast on every opaque background', () => {
    for (let red = 0; red <= 255; red += 17)
      for (let green = 0; green <= 255; green += 17)
        for (let blue = 0; blue <= 255; blue += 17) {
          const background = [red, green, blue];
          expect(contrast(background, parseColor(labelColor(background))!)).toBeGreaterThanOrEqual(4.5);
        }
  });

  it('gives segments without a colour palette colours that differ from their neighbours', () => {
    for (let count = 2; count <= 24; count += 1) {
      const fills = Array.from({ length: count }, (_, index) => segmentFill(null, index, count).join());
      fills.forEach((fill, index) => expect(fill).not.toBe(fills[(index + 1) % count]));
    }
    expect(segmentFill([1, 2, 3], 0, 4)).toEqual([1, 2, 3]);
  });
});
