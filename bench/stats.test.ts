import { describe, expect, it } from 'vitest';
import { median, medianOf } from './stats';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([50, 10, 30, 20, 40])).toBe(30);
    expect(median([7])).toBe(7);
  });

  it('averages the middle two of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('is not pulled by one outlier, as a mean would be', () => {
    expect(median([12, 11, 13, 10, 900])).toBe(12);
  });

  it('ignores values that are not numbers and is NaN for none', () => {
    expect(median([Number.NaN, 3, Number.POSITIVE_INFINITY, 1, 2])).toBe(2);
    expect(median([])).toBeNaN();
  });

  it('does not reorder the caller\'s array', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('medianOf', () => {
  it('takes the median field by field', () => {
    expect(medianOf([{ tbt: 10, cls: 0 }, { tbt: 30, cls: 0.1 }, { tbt: 20, cls: 0 }], ['tbt', 'cls'])).toEqual({ tbt: 20, cls: 0 });
  });
});
