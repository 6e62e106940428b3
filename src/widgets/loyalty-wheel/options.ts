/**
 * The wheel's merchant options (`loyaltyWheel` in the config). `trigger` belongs to the runtime's
 * trigger engine, which validates it; everything else is checked here.
 */
import { safeHttpUrl } from '../../core/url';
import type { WidgetContext } from '../../types';

/** The wheel's options after validation. */
export interface WheelOptions {
  /** Where "Apply to my cart" leads, with `{code}` standing for the URL-encoded code; null hides the link. */
  applyUrl: string | null;
}

const KNOWN = ['applyUrl', 'trigger'];

/** Validates `context.options`, warning once per wrong field and falling back to the default. */
export function readOptions(context: Pick<WidgetContext, 'options' | 'warn'>): WheelOptions {
  const raw = context.options;
  for (const key of Object.keys(raw)) {
    if (!KNOWN.includes(key)) context.warn(`loyaltyWheel.${key}`, 'loyalty-wheel-option');
  }
  let applyUrl: string | null = null;
  if (raw.applyUrl !== undefined) {
    if (typeof raw.applyUrl === 'string' && applyLink(raw.applyUrl, 'CODE')) applyUrl = raw.applyUrl;
    else context.warn('loyaltyWheel.applyUrl', 'loyalty-wheel-apply-url');
  }
  return { applyUrl };
}

/** The apply link for `code`: `{code}` replaced by the URL-encoded code, resolved against the page, http(s) only. */
export function applyLink(template: string, code: string): string | null {
  return safeHttpUrl(template.split('{code}').join(encodeURIComponent(code)), location.href);
}
