import type { CodedReport } from '../../core/messages';

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
export function readOptions(raw: Record<string, unknown>, warn: CodedReport): RecentlyViewedOptions {
  const options = { ...DEFAULT_OPTIONS };
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    if (key === 'max') {
      if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_LIMIT) options.max = value;
      else warn('recentlyViewed.max', 'recently-viewed-max', JSON.stringify(value), String(MAX_LIMIT), String(DEFAULT_OPTIONS.max));
    } else if (key === 'cues') {
      if (typeof value === 'boolean') options.cues = value;
      else warn('recentlyViewed.cues', 'recently-viewed-cues');
    } else {
      warn(`recentlyViewed.${key}`, 'recently-viewed-option');
    }
  }
  return options;
}
