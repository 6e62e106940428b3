import { describe, expect, it } from 'vitest';
import { BUDGETS, checkBudgets, type BudgetInput } from './budgets';

const withinAll: BudgetInput = { loaderBrotli: 4096, everythingBrotli: 25 * 1024, tbtDeltaMs: 10, clsDelta: 0, bundleLongTaskMs: 0 };
const failing = (input: Partial<BudgetInput>) =>
  checkBudgets({ ...withinAll, ...input })
    .filter((check) => !check.pass)
    .map((check) => check.name);

describe('checkBudgets', () => {
  it('passes figures exactly at every limit', () => {
    expect(checkBudgets(withinAll).every((check) => check.pass)).toBe(true);
  });

  it('fails the loader one byte over 4 KB brotli', () => {
    expect(failing({ loaderBrotli: 4097 })).toEqual(['loader (regulars.js), brotli']);
  });

  it('fails everything a page can load one byte over 25 KB brotli', () => {
    expect(failing({ everythingBrotli: 25 * 1024 + 1 })).toEqual(['loader + all four widgets (no locale packs), brotli']);
  });

  it('fails a TBT delta over 10 ms and accepts a negative one', () => {
    expect(failing({ tbtDeltaMs: 10.5 })).toEqual(['TBT delta']);
    expect(failing({ tbtDeltaMs: -40 })).toEqual([]);
  });

  it('fails any layout shift the snippet adds, but not float noise', () => {
    expect(failing({ clsDelta: 0.001 })).toEqual(['CLS delta']);
    expect(failing({ clsDelta: 1e-12 })).toEqual([]);
    expect(failing({ clsDelta: -0.02 })).toEqual([]);
  });

  it('fails a long task of the bundle over 50 ms', () => {
    expect(failing({ bundleLongTaskMs: 51 })).toEqual(['longest long task caused by the bundle']);
    expect(failing({ bundleLongTaskMs: 50 })).toEqual([]);
  });

  it('never passes a figure that was not measured', () => {
    expect(failing({ tbtDeltaMs: Number.NaN, clsDelta: Number.NaN })).toEqual(['TBT delta', 'CLS delta']);
  });

  it('reports the limit and the figure in words a reader can check', () => {
    const [loader, , tbt, , longTask] = checkBudgets({ ...withinAll, loaderBrotli: 5601, tbtDeltaMs: 12.34 });
    expect(loader).toEqual({ name: 'loader (regulars.js), brotli', limit: '<= 4.00 KB', actual: '5.47 KB', pass: false });
    expect(tbt).toMatchObject({ limit: '<= 10 ms', actual: '12.3 ms', pass: false });
    expect(longTask).toMatchObject({ actual: 'none', pass: true });
  });

  it('takes other limits when given', () => {
    expect(checkBudgets(withinAll, { ...BUDGETS, loaderBrotli: 2048 }).find((check) => !check.pass)?.name).toBe('loader (regulars.js), brotli');
  });
});
