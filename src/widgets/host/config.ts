import type { RegularsConfig, ResolvedConfig, Theme, WidgetName } from '../../types';
import { resolveCoreConfig, type CoreConfig } from '../../core/config';
import { withTexts } from '../../core/messages';
import { warn as defaultWarn } from '../../core/warn';

/** The languages Regulars ships locale packs for. */
export const LOCALES = ['en', 'sv', 'sl', 'th', 'nl', 'da'] as const;

const OPTION_KEYS: Record<string, WidgetName> = {
  recentlyViewed: 'recently-viewed',
  accountPrompt: 'account-prompt',
  chat: 'chat',
  loyaltyWheel: 'loyalty-wheel',
};
const THEME_KEYS: (keyof Theme)[] = ['accent', 'accentText', 'surface', 'text', 'radius', 'font'];
const KNOWN_KEYS = ['endpoint', 'widgets', 'locale', 'currency', 'consent', 'strings', 'theme', 'retentionDays'];

type Report = (field: string, problem: string, fix: string) => void;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function pickLocale(requested: string, report: Report): string {
  const tag = requested.trim().replace('_', '-');
  if ((LOCALES as readonly string[]).includes(tag.toLowerCase().split('-')[0])) return tag;
  report('locale', `"${tag}" has no locale pack`, `Use one of ${LOCALES.join(', ')}; English is used meanwhile`);
  return 'en';
}

/**
 * Validates the fields only widgets use (locale, currency, strings, theme, per-widget sections)
 * and names unknown options. It runs in the widget host chunk, off the loader's critical path.
 */
export function resolveWidgetConfig(core: CoreConfig, pageLanguage: string, report: Report = defaultWarn): ResolvedConfig {
  const raw = core.input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.includes(key) && !(key in OPTION_KEYS)) {
      report(key, 'is not a Regulars option', `Remove it or check the spelling; options are ${[...KNOWN_KEYS, ...Object.keys(OPTION_KEYS)].join(', ')}`);
    }
  }

  let locale = 'en';
  if (raw.locale !== undefined && (typeof raw.locale !== 'string' || !raw.locale.trim())) {
    report('locale', 'must be a language tag', `Use one of ${LOCALES.join(', ')}`);
  } else if (typeof raw.locale === 'string') {
    locale = pickLocale(raw.locale, report);
  } else if (pageLanguage) {
    // The page's own language is a guess, not the merchant's word: no warning when it has no pack.
    locale = pickLocale(pageLanguage, () => undefined);
  }

  let currency: string | null = null;
  if (raw.currency !== undefined) {
    if (typeof raw.currency === 'string' && /^[a-z]{3}$/i.test(raw.currency)) currency = raw.currency.toUpperCase();
    else report('currency', `${JSON.stringify(raw.currency)} is not an ISO 4217 code`, 'Use a three-letter code such as EUR or SEK');
  }

  const strings: Record<string, string> = {};
  if (raw.strings !== undefined) {
    if (!isObject(raw.strings)) report('strings', 'must be an object of texts keyed "widget.key"', 'See the strings reference in docs/config.md');
    else
      for (const key of Object.keys(raw.strings)) {
        const value = raw.strings[key];
        if (typeof value === 'string') strings[key] = value;
        else report(`strings.${key}`, 'must be a string', 'Give the text to show, or remove the key to use the locale pack');
      }
  }

  const theme: Theme = {};
  if (raw.theme !== undefined) {
    if (!isObject(raw.theme)) report('theme', 'must be an object', `Use keys ${THEME_KEYS.join(', ')}`);
    else
      for (const key of Object.keys(raw.theme)) {
        const value = raw.theme[key];
        if (!THEME_KEYS.includes(key as keyof Theme)) report(`theme.${key}`, 'is not a theme token', `Use ${THEME_KEYS.join(', ')}`);
        else if (typeof value !== 'string' || /[;{}<>]/.test(value) || value.length > 200) report(`theme.${key}`, 'must be a plain CSS value', 'Use a colour, length or font list such as #0b6e4f or 8px');
        else theme[key as keyof Theme] = value;
      }
  }

  const options: ResolvedConfig['options'] = {};
  for (const key of Object.keys(OPTION_KEYS)) {
    const section = raw[key];
    if (section === undefined) continue;
    if (isObject(section)) options[OPTION_KEYS[key]] = section;
    else report(key, 'must be an object of options', `See docs/config.md for ${key}`);
  }

  const { endpoint, widgets, consent, retentionDays } = core;
  return { endpoint, widgets, locale, currency, consent, strings, theme, retentionDays, options };
}

/** Validates a whole config the way the bundle does (the loader's fields, then the widgets'): for tests and the configurator. */
export function resolveConfig(input: RegularsConfig, pageUrl: string, pageLanguage: string, report: Report = defaultWarn): ResolvedConfig {
  return resolveWidgetConfig(resolveCoreConfig(input, pageUrl, withTexts(report)), pageLanguage, report);
}
