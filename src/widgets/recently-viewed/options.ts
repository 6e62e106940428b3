/** The recently-viewed strip's options after validation. */
export interface RecentlyViewedOptions {
  /** How many products the strip shows at most (1 to 50). */
  max: number;
  /** Whether to ask the endpoint for price-dropped, back-in-stock and only-N-left cues. */
  cues: boolean;
}

/** The defaults a merchant gets without a `recentlyViewed` section. */
export const DEFAULT_OPTIONS: RecentlyViewedOptions = { max: 12, cues: true };

/** The most products the strip may show: the history keeps no more. */
const MAX_LIMIT = 50;

/**
 * Validates the `recentlyViewed` section; each wrong field is reported once and replaced by its
 * default, so a typo never hides the strip.
 */
export function readOptions(raw: Record<string, unknown>, warn: (field: string, problem: string, fix: string) => void): RecentlyViewedOptions {
  const options = { ...DEFAULT_OPTIONS };
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    if (key === 'max') {
      if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_LIMIT) options.max = value;
      else warn('recentlyViewed.max', `${JSON.stringify(value)} is not a whole number from 1 to ${MAX_LIMIT}`, `Set how many products the strip shows; ${DEFAULT_OPTIONS.max} is used meanwhile`);
    } else if (key === 'cues') {
      if (typeof value === 'boolean') options.cues = value;
      else warn('recentlyViewed.cues', 'must be true or false', 'Use false to turn the price and stock cues off; they stay on meanwhile');
    } else {
      warn(`recentlyViewed.${key}`, 'is not a recently-viewed option', 'Use max or cues; texts such as the title are set with strings["recentlyViewed.title"]');
    }
  }
  return options;
}
