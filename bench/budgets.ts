/** The performance budgets of issue 8, and how a bench result is judged against them. */

/** The limits: bytes are brotli-compressed, times are medians under Lighthouse's mobile throttling. */
export interface Budgets {
  loaderBrotli: number;
  everythingBrotli: number;
  tbtDeltaMs: number;
  clsDelta: number;
  bundleLongTaskMs: number;
}

/** The budgets the bench enforces. */
export const BUDGETS: Budgets = {
  loaderBrotli: 4 * 1024,
  everythingBrotli: 25 * 1024,
  tbtDeltaMs: 10,
  clsDelta: 0,
  bundleLongTaskMs: 50,
};

/** The measured figures the budgets apply to. */
export interface BudgetInput {
  loaderBrotli: number;
  everythingBrotli: number;
  /** Median TBT with the snippet minus without it. */
  tbtDeltaMs: number;
  /** Median CLS with the snippet minus without it. */
  clsDelta: number;
  /** The longest task attributed to the bundle's files (median over runs; 0 when there was none). */
  bundleLongTaskMs: number;
}

/** One budget's verdict. */
export interface BudgetCheck {
  name: string;
  limit: string;
  actual: string;
  pass: boolean;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
const ms = (value: number) => `${Number(value.toFixed(1))} ms`;
// Lighthouse reports CLS with float noise (1e-17 is not a shift); four decimals are far below any visible shift.
const cls = (value: number) => Math.round(value * 10_000) / 10_000;

/** Checks every budget; a figure that is not a number (a measurement that failed) never passes. */
export function checkBudgets(input: BudgetInput, budgets: Budgets = BUDGETS): BudgetCheck[] {
  const within = (value: number, limit: number) => Number.isFinite(value) && value <= limit;
  return [
    { name: 'loader (regulars.js), brotli', limit: `<= ${kb(budgets.loaderBrotli)}`, actual: kb(input.loaderBrotli), pass: within(input.loaderBrotli, budgets.loaderBrotli) },
    {
      name: 'loader + all four widgets (no locale packs), brotli',
      limit: `<= ${kb(budgets.everythingBrotli)}`,
      actual: kb(input.everythingBrotli),
      pass: within(input.everythingBrotli, budgets.everythingBrotli),
    },
    { name: 'TBT delta', limit: `<= ${ms(budgets.tbtDeltaMs)}`, actual: ms(input.tbtDeltaMs), pass: within(input.tbtDeltaMs, budgets.tbtDeltaMs) },
    { name: 'CLS delta', limit: `<= ${budgets.clsDelta}`, actual: String(cls(input.clsDelta)), pass: within(cls(input.clsDelta), budgets.clsDelta) },
    {
      name: 'longest long task caused by the bundle',
      limit: `<= ${ms(budgets.bundleLongTaskMs)}`,
      actual: input.bundleLongTaskMs > 0 ? ms(input.bundleLongTaskMs) : 'none',
      pass: within(input.bundleLongTaskMs, budgets.bundleLongTaskMs),
    },
  ];
}
