/**
 * The coupon's live countdown: days while more than one is left, then a clock that changes every
 * second; `nextTick` says when the text can next change so no timer fires for nothing.
 */
import type { Translator } from '../../core/i18n';

/** One day in milliseconds. */
export const DAY = 86_400_000;

/** Milliseconds until the countdown text for `left` milliseconds can change. */
export function nextTick(left: number): number {
  return left > DAY ? 60_000 : left % 1000 || 1000;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The time left in the shopper's language: "Expires in 3 days", then "Expires in 4:05:09". */
export function countdownText(translator: Translator, left: number): string {
  if (left > DAY) {
    // Rounded: a code valid for 14 days reads "in 14 days" just after it was won, not 13.
    const days = Math.round(left / DAY);
    let when: string;
    try {
      when = new Intl.RelativeTimeFormat(translator.locale, { numeric: 'always' }).format(days, 'day');
    } catch {
      when = `+${days} d`;
    }
    return translator.t('expiresRelative', { when });
  }
  const seconds = Math.ceil(Math.max(0, left) / 1000);
  const time = `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  return translator.t('expiresClock', { time });
}
