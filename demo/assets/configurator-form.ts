/**
 * The configurator's form as plain values, and the config those values stand for. Pure, so the
 * mapping from what the merchant picked to what the snippet says is tested without a browser.
 */
import type { ConfigProblem, OptionSection, RegularsConfig, TriggerRules, WidgetName } from '../../src/config-schema';

/** A trigger rule's name. */
export type TriggerRuleName = keyof TriggerRules;

/** The widgets whose trigger rules the form edits, by option section. */
export type TriggerSection = 'accountPrompt' | 'loyaltyWheel';

/** Everything the merchant picked, as the form holds it (text as typed, boxes as ticked). */
export interface FormValues {
  endpoint: string;
  widgets: string[];
  /** A language tag, or empty for the page's own language. */
  locale: string;
  consent: 'granted' | 'required';
  theme: Record<string, string>;
  chatPosition: 'right' | 'left';
  chatColor: string;
  /** Rules as typed; a yes/no rule is present only when the merchant changed it from its default. */
  triggers: Partial<Record<TriggerSection, Partial<Record<TriggerRuleName, string | boolean>>>>;
  /** One entry per text row: the chosen key (empty while "Choose a text"), the text as typed, the row's number, and the field names of its key and text controls. */
  strings: { key: string; text: string; number: number; keyField: string; textField: string }[];
}

/** The parts of the schema the mapping needs (passed in: the page loads the schema at run time). */
export interface SchemaLists {
  WIDGET_NAMES: readonly WidgetName[];
  OPTION_SECTIONS: Readonly<Record<WidgetName, OptionSection>>;
}

/**
 * A number field's value for the config: empty is "not set", a number is a number, and anything
 * else stays the text the merchant typed, so the bundle's own check names the field.
 */
export function numberOrText(raw: string): number | string | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  return /^-?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : text;
}

const nonEmpty = (record: Record<string, unknown>) => Object.keys(record).length > 0;

/** A number too large for a double becomes Infinity, which JSON writes as null. */
const isTooLarge = (value: number | string | undefined) => typeof value === 'number' && !Number.isFinite(value);

/** The trigger rules of the widgets that are on, as their option sections. */
function enabledTriggers(values: FormValues, schema: SchemaLists): [TriggerSection, Partial<Record<TriggerRuleName, string | boolean>>][] {
  const sections: [TriggerSection, Partial<Record<TriggerRuleName, string | boolean>>][] = [];
  for (const name of schema.WIDGET_NAMES) {
    if (!values.widgets.includes(name)) continue;
    const section = schema.OPTION_SECTIONS[name] as TriggerSection;
    const rules = values.triggers[section];
    if (rules) sections.push([section, rules]);
  }
  return sections;
}

/**
 * The config the form stands for, minimal: defaults are left out, sections of widgets that are
 * off are left out, widgets are listed in the documented order.
 */
export function configFromForm(values: FormValues, schema: SchemaLists): RegularsConfig {
  const config: RegularsConfig = {};
  const endpoint = values.endpoint.trim();
  if (endpoint) config.endpoint = endpoint;
  const widgets = schema.WIDGET_NAMES.filter((name) => values.widgets.includes(name));
  config.widgets = widgets;
  if (values.locale.trim()) config.locale = values.locale.trim();
  if (values.consent === 'required') config.consent = 'required';

  const theme: Record<string, string> = {};
  for (const token of Object.keys(values.theme)) {
    const value = values.theme[token]!.trim();
    if (value) theme[token] = value;
  }
  if (nonEmpty(theme)) config.theme = theme;

  if (widgets.includes('chat')) {
    const chat: Record<string, unknown> = {};
    if (values.chatPosition === 'left') chat.position = 'left';
    if (values.chatColor.trim()) chat.color = values.chatColor.trim();
    if (nonEmpty(chat)) config.chat = chat;
  }

  for (const [section, rules] of enabledTriggers(values, schema)) {
    const trigger: Record<string, unknown> = {};
    for (const rule of Object.keys(rules) as TriggerRuleName[]) {
      const value = rules[rule];
      if (typeof value === 'boolean') trigger[rule] = value;
      else if (typeof value === 'string') {
        const parsed = numberOrText(value);
        // Left out rather than written as null; formProblems names the field.
        if (parsed !== undefined && !isTooLarge(parsed)) trigger[rule] = parsed;
      }
    }
    if (nonEmpty(trigger)) (config as Record<string, unknown>)[section] = { trigger };
  }

  const strings: Record<string, string> = {};
  for (const { key, text } of values.strings) if (key && text.trim()) strings[key] = text.trim();
  if (nonEmpty(strings)) config.strings = strings;
  return config;
}

/**
 * What the form would drop or change without a word, which the bundle never sees: a count too
 * large to be a number, a text typed before its row's text is chosen, a text of only spaces, and
 * a text chosen in more than one row. Each text problem is on the row it is about.
 */
export function formProblems(values: FormValues, schema: SchemaLists): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [section, rules] of enabledTriggers(values, schema)) {
    for (const rule of Object.keys(rules) as TriggerRuleName[]) {
      const value = rules[rule];
      if (typeof value !== 'string' || !isTooLarge(numberOrText(value))) continue;
      problems.push({ field: `${section}.trigger.${rule}`, problem: `is too large a number (${value.trim().length} digits)`, fix: 'Give a smaller count, or remove the rule' });
    }
  }
  // The row whose text the snippet carries for each key: the last one with a text (configFromForm).
  const used = new Map<string, number>();
  for (const { key, text, number } of values.strings) if (key && text.trim()) used.set(key, number);
  for (const { key, text, number, keyField, textField } of values.strings) {
    const usedRow = used.get(key);
    if (!key) {
      if (text.trim()) problems.push({ field: keyField, problem: `is not chosen, so ${JSON.stringify(text.trim())} replaces nothing`, fix: 'Choose the text it replaces, or remove the row' });
    } else if (usedRow !== undefined && usedRow !== number) {
      problems.push({ field: keyField, problem: `is also chosen in Text ${usedRow}, whose text is used instead`, fix: 'Keep one row for this text and remove the others' });
    } else if (text && !text.trim()) {
      problems.push({ field: textField, problem: 'is only spaces, so the widget keeps its own text', fix: 'Type the text to show, or remove the row' });
    }
  }
  return problems;
}

/**
 * The form field a warning belongs to: the field itself when the form has it, else the nearest
 * enclosing one (`chat.color.x` -> `chat.color` -> `chat`), else null for the general list.
 */
export function fieldForProblem(field: string, hasField: (field: string) => boolean): string | null {
  const parts = field.split('.');
  for (let length = parts.length; length > 0; length -= 1) {
    const candidate = parts.slice(0, length).join('.');
    if (hasField(candidate)) return candidate;
  }
  return null;
}
