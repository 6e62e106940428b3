import type { CodedReport } from '../../core/messages';
import { safeHttpUrl } from '../../core/url';

/** The account prompt's options after validation. */
export interface AccountPromptOptions {
  /** The merchant's benefit list, or null for the locale pack's three defaults. */
  benefits: string[] | null;
  /** Absolute http(s) URL of the shop's sign-in page, offered when the email already has an account. */
  loginUrl: string | null;
  /** Whether a dismissed prompt leaves a small tab that opens it again. */
  teaser: boolean;
}

const KNOWN = ['trigger', 'benefits', 'loginUrl', 'teaser'];

/**
 * Validates the `accountPrompt` option section; each wrong field warns once and falls back to its default.
 * `trigger` is read by the runtime before this chunk loads, so it is only accepted here.
 */
export function parseOptions(
  raw: Record<string, unknown>,
  warn: CodedReport,
  pageUrl: string,
): AccountPromptOptions {
  const options: AccountPromptOptions = { benefits: null, loginUrl: null, teaser: true };
  for (const key of Object.keys(raw)) {
    if (!KNOWN.includes(key)) warn(`accountPrompt.${key}`, 'account-prompt-option');
  }
  const { benefits, loginUrl, teaser } = raw;
  if (benefits !== undefined) {
    if (Array.isArray(benefits) && benefits.length <= 8 && benefits.every((item) => typeof item === 'string' && item.trim())) {
      options.benefits = benefits.map((item: string) => item.trim());
    } else {
      warn('accountPrompt.benefits', 'account-prompt-benefits');
    }
  }
  if (loginUrl !== undefined) {
    options.loginUrl = safeHttpUrl(loginUrl, pageUrl);
    if (!options.loginUrl) warn('accountPrompt.loginUrl', 'account-prompt-login-url');
  }
  if (teaser !== undefined) {
    if (typeof teaser === 'boolean') options.teaser = teaser;
    else warn('accountPrompt.teaser', 'boolean');
  }
  return options;
}
