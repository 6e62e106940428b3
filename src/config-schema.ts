/**
 * The config schema as one side-effect-free ES module (`dist/config.js`) for tools outside the
 * bundle, such as the demo's configurator: the option lists, the default theme, the English texts
 * a merchant may override, and the bundle's own validation, so what a tool writes is checked
 * exactly the way the loader, the widget host and each widget will read it.
 */
import type { RegularsConfig, ResolvedConfig, Theme, WidgetName } from './types';
import { WIDGET_NAMES } from './core/config';
import { DEFAULT_THEME } from './core/mount';
import { withTexts } from './core/messages';
import { parseTriggerRules, type TriggerRules } from './core/triggers';
import { parseOptions as parseAccountPromptOptions } from './widgets/account-prompt/options';
import accountPromptTexts from './widgets/account-prompt/locales/en';
import { readChannels } from './widgets/chat/channels';
import chatTexts from './widgets/chat/locales/en';
import { parseOptions as parseChatOptions } from './widgets/chat/options';
import { LOCALES, resolveConfig } from './widgets/host/config';
import { WIDGET_RULES } from './widgets/host/widget-rules';
import loyaltyWheelTexts from './widgets/loyalty-wheel/locales/en';
import { readOptions as readLoyaltyWheelOptions } from './widgets/loyalty-wheel/options';
import recentlyViewedTexts from './widgets/recently-viewed/locales/en';
import { readOptions as readRecentlyViewedOptions } from './widgets/recently-viewed/options';

export type { RegularsConfig, ResolvedConfig, Theme, TriggerRules, WidgetName };
export { DEFAULT_THEME, LOCALES, resolveConfig, WIDGET_NAMES, WIDGET_RULES };

declare const __REGULARS_VERSION__: string;

/** The bundle version this schema was built with (the same build as `regulars.js` beside it). */
export const VERSION: string = __REGULARS_VERSION__;

/** The theme tokens, each written as a `--regulars-*` custom property on every widget. */
export const THEME_TOKENS = ['accent', 'accentText', 'surface', 'text', 'radius', 'font'] as const satisfies readonly (keyof Theme)[];

/** The trigger rules a modal widget's `trigger` option accepts. */
export const TRIGGER_RULE_NAMES = ['productViews', 'pages', 'seconds', 'scrollDepth', 'exitIntent', 'firstPage', 'dismissDays'] as const satisfies readonly (keyof TriggerRules)[];

/** The config key of each widget's option section, which is also the prefix of its string overrides. */
export const OPTION_SECTIONS = {
  'recently-viewed': 'recentlyViewed',
  'account-prompt': 'accountPrompt',
  chat: 'chat',
  'loyalty-wheel': 'loyaltyWheel',
} as const satisfies Record<WidgetName, keyof RegularsConfig>;

/** One widget's option section key in the config. */
export type OptionSection = (typeof OPTION_SECTIONS)[WidgetName];

/** Each widget's English texts: the keys a merchant may override as `strings["<section>.<key>"]`, with their English wording. */
export const ENGLISH_TEXTS: Record<WidgetName, Readonly<Record<string, string>>> = {
  'recently-viewed': recentlyViewedTexts,
  'account-prompt': accountPromptTexts,
  chat: chatTexts,
  'loyalty-wheel': loyaltyWheelTexts,
};

/** A problem the bundle would report for a config: its console warning reads `[regulars] field: problem. fix`. */
export interface ConfigProblem {
  field: string;
  problem: string;
  fix: string;
}

/** What `validateConfig` found: the config as the bundle resolves it, and every warning on the way. */
export interface ConfigCheck {
  config: ResolvedConfig;
  problems: ConfigProblem[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a whole config with the bundle's validators, in the order the bundle runs them: the
 * loader's and the widget host's fields (`resolveConfig`), then for each enabled widget its need
 * for an endpoint and, when it has what it needs, its trigger rules and its own option section. Warnings are collected instead
 * of logged, once each, as the bundle logs them once.
 */
export function validateConfig(input: RegularsConfig, pageUrl: string, pageLanguage = 'en'): ConfigCheck {
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  const report = (field: string, problem: string, fix: string) => {
    const key = `${field}: ${problem}. ${fix}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ field, problem, fix });
  };

  const coded = withTexts(report);
  const config = resolveConfig(input, pageUrl, pageLanguage, report);
  for (const name of config.widgets) {
    const rules = WIDGET_RULES[name];
    const section = OPTION_SECTIONS[name];
    const options = config.options[name] ?? {};
    // The widget host skips such a widget with this warning before it reads the widget's options
    // (src/widgets/host/index.ts), so a page logs nothing more about it, and neither does this.
    if (rules.needsEndpoint && !config.endpoint) {
      coded('endpoint', 'endpoint-needed', name);
      continue;
    }
    if (rules.activation === 'trigger') parseTriggerRules(options.trigger, rules.trigger ?? {}, `${section}.trigger`, coded);
    if (name === 'recently-viewed') readRecentlyViewedOptions(options, coded);
    if (name === 'account-prompt') parseAccountPromptOptions(options, coded, pageUrl);
    if (name === 'chat') {
      parseChatOptions(options, coded);
      readChannels(options.channels, 'chat.channels', coded);
    }
    if (name === 'loyalty-wheel') readLoyaltyWheelOptions({ options: isObject(options) ? options : {}, warn: coded });
  }
  return { config, problems };
}
