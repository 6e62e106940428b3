import type { RegularsConfig, ResolvedConfig, Theme, WidgetName } from '../../types';
import { resolveCoreConfig, type CoreConfig } from '../../core/config';
import { withTexts, type CodedReport } from '../../core/messages';
import { warn as defaultWarn } from '../../core/warn';
import { isCssValue } from '../css-value';

/** The languages Regulars ships locale packs for. */
export const LOCALES = ['en', 'sv', 'sl', 'th', 'nl', 'da'] as const;

const OPTION_KEYS: Record<string, WidgetName> = {
  recentlyViewed: 'recently-viewed',
  accountPrompt: 'account-prompt',
  chat: 'chat',
  loyaltyWheel: 'loyalty-wheel',
};
/** The CSS property each theme token's value must suit. */
const THEME_PROPERTIES: Record<keyof Theme, string> = {
  accent: 'color',
  accentText: 'color',
  surface: 'color',
  text: 'color',
  radius: 'border-radius',
  font: 'font-family',
};
const THEME_KEYS = Object.keys(THEME_PROPERTIES);
const KNOWN_KEYS = ['endpoint', 'widgets', 'locale', 'currency', 'consent', 'strings', 'theme', 'retentionDays'];

type Report = (field: string, problem: string, fix: string) => void;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function pickLocale(requested: string, report: CodedReport): string {
  const tag = requested.trim().replace('_', '-');
  if ((LOCALES as readonly string[]).includes(tag.toLowerCase().split('-')[0])) return tag;
  report('locale', 'locale-pack', tag, LOCALES.join(', '));
  return 'en';
}

/**
 * Validates the fields only widgets use (locale, currency, strings, theme, per-widget sections)
 * and names unknown options. It runs in the widget host chunk, off the loader's critical path.
 */
export function resolveWidgetConfig(core: CoreConfig, pageLanguage: string, report: CodedReport): ResolvedConfig {
  const raw = core.input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.includes(key) && !(key in OPTION_KEYS)) {
      report(key, 'option-unknown', [...KNOWN_KEYS, ...Object.keys(OPTION_KEYS)].join(', '));
    }
  }

  let locale = 'en';
  if (raw.locale !== undefined && (typeof raw.locale !== 'string' || !raw.locale.trim())) {
    report('locale', 'locale-tag', LOCALES.join(', '));
  } else if (typeof raw.locale === 'string') {
    locale = pickLocale(raw.locale, report);
  } else if (pageLanguage) {
    // The page's own language is a guess, not the merchant's word: no warning when it has no pack.
    locale = pickLocale(pageLanguage, () => undefined);
  }

  let currency: string | null = null;
  if (raw.currency !== undefined) {
    if (typeof raw.currency === 'string' && /^[a-z]{3}$/i.test(raw.currency)) currency = raw.currency.toUpperCase();
    else report('currency', 'currency', JSON.stringify(raw.currency));
  }

  const strings: Record<string, string> = {};
  if (raw.strings !== undefined) {
    if (!isObject(raw.strings)) report('strings', 'strings-object');
    else
      for (const key of Object.keys(raw.strings)) {
        const value = raw.strings[key];
        if (typeof value === 'string') strings[key] = value;
        else report(`strings.${key}`, 'string-value');
      }
  }

  const theme: Theme = {};
  if (raw.theme !== undefined) {
    if (!isObject(raw.theme)) report('theme', 'theme-object', THEME_KEYS.join(', '));
    else
      for (const key of Object.keys(raw.theme)) {
        const value = raw.theme[key];
        const property = THEME_PROPERTIES[key as keyof Theme];
        if (!THEME_KEYS.includes(key)) report(`theme.${key}`, 'theme-token', THEME_KEYS.join(', '));
        else if (typeof value !== 'string' || !isCssValue(property, value, 200)) report(`theme.${key}`, 'theme-value', JSON.stringify(value), property);
        else theme[key as keyof Theme] = value.trim();
      }
  }

  const options: ResolvedConfig['options'] = {};
  for (const key of Object.keys(OPTION_KEYS)) {
    const section = raw[key];
    if (section === undefined) continue;
    if (isObject(section)) options[OPTION_KEYS[key]] = section;
    else report(key, 'section-object', key);
  }

  const { endpoint, widgets, consent, retentionDays } = core;
  return { endpoint, widgets, locale, currency, consent, strings, theme, retentionDays, options };
}

/** Validates a whole config the way the bundle does (the loader's fields, then the widgets'): for tests and the configurator. */
export function resolveConfig(input: RegularsConfig, pageUrl: string, pageLanguage: string, report: Report = defaultWarn): ResolvedConfig {
  const coded = withTexts(report);
  return resolveWidgetConfig(resolveCoreConfig(input, pageUrl, coded), pageLanguage, coded);
}
