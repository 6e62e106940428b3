/**
 * Builds the configurator's fields that come from the schema rather than the page: the language
 * list, each modal widget's trigger rules with their defaults, and the rows of text overrides.
 */
import type { TriggerRules, WidgetName } from '../../src/config-schema';
import type { TriggerRuleName, TriggerSection } from './configurator-form';

/** How the form names each trigger rule; typed over every rule, so a new rule cannot go without a field. */
export const RULE_LABELS: Record<TriggerRuleName, string> = {
  productViews: 'After this many product views (over all visits)',
  pages: 'After this many pages in one visit',
  seconds: 'After this many seconds on the site',
  scrollDepth: 'When this percentage of a page is scrolled',
  exitIntent: 'When the shopper is about to leave',
  firstPage: 'May open on the first page of a visit',
  dismissDays: 'Days before it asks again after a dismissal',
};

const YES_NO_RULES: readonly TriggerRuleName[] = ['exitIntent', 'firstPage'];

function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const name of Object.keys(attributes)) node.setAttribute(name, attributes[name]!);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The language options: each shipped locale by its English name and tag. */
export function localeOptions(doc: Document, locales: readonly string[]): HTMLOptionElement[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames(['en'], { type: 'language' });
  } catch {
    names = null;
  }
  return locales.map((tag) => element(doc, 'option', { value: tag }, `${names?.of(tag) ?? tag} (${tag})`));
}

/**
 * The fields of one widget's trigger rules: a number box per counted rule (empty keeps the
 * default, which the hint names) and a checkbox per yes/no rule, ticked as its default is.
 */
export function triggerFields(doc: Document, section: TriggerSection, rules: readonly TriggerRuleName[], defaults: TriggerRules): HTMLElement[] {
  return rules.map((rule) => {
    const id = `${section}-trigger-${rule}`;
    const data = { 'data-field': `${section}.trigger.${rule}`, 'data-trigger-section': section, 'data-trigger-rule': rule };
    const preset = defaults[rule];
    if (YES_NO_RULES.includes(rule)) {
      const wrapper = element(doc, 'div', { class: 'choice' });
      const box = element(doc, 'input', { type: 'checkbox', id, ...data });
      box.defaultChecked = preset === true;
      wrapper.append(box, element(doc, 'label', { for: id }, RULE_LABELS[rule]));
      return wrapper;
    }
    const wrapper = element(doc, 'div', { class: 'field field--number' });
    const hintId = `${id}-hint`;
    const input = element(doc, 'input', { type: 'text', inputmode: 'decimal', id, autocomplete: 'off', 'aria-describedby': hintId, ...data });
    if (typeof preset === 'number') input.placeholder = String(preset);
    wrapper.append(
      element(doc, 'label', { for: id }, RULE_LABELS[rule]),
      element(doc, 'p', { class: 'field__hint', id: hintId }, typeof preset === 'number' ? `Default: ${preset}` : 'Default: not used'),
      input,
    );
    return wrapper;
  });
}

/** One widget's texts a merchant may replace, under its option section. */
export interface TextGroup {
  label: string;
  section: string;
  texts: Readonly<Record<string, string>>;
}

/** The groups of replaceable texts, one per widget, labelled as the widget checkboxes are. */
export function textGroups(names: readonly WidgetName[], sections: Readonly<Record<WidgetName, string>>, texts: Readonly<Record<WidgetName, Readonly<Record<string, string>>>>, label: (name: WidgetName) => string): TextGroup[] {
  return names.map((name) => ({ label: label(name), section: sections[name], texts: texts[name] }));
}

/** Shortens an English text for a list option. */
function excerpt(text: string): string {
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

/**
 * One text override row: which text (grouped by widget, each with its English wording) and the
 * merchant's replacement, plus a remove button named after the row.
 */
export function stringRow(doc: Document, number: number, groups: readonly TextGroup[]): HTMLLIElement {
  const keyId = `string-key-${number}`;
  const textId = `string-text-${number}`;
  const row = element(doc, 'li', { class: 'override', 'data-string-row': String(number) });
  const keyLabel = `Text ${number} to replace`;
  // Named as its label, so a problem with the row (no text chosen yet) names the control the merchant sees.
  const select = element(doc, 'select', { id: keyId, 'data-string-key': '', 'data-field': keyLabel });
  select.append(element(doc, 'option', { value: '' }, 'Choose a text'));
  for (const group of groups) {
    const optgroup = element(doc, 'optgroup', { label: group.label });
    for (const key of Object.keys(group.texts)) {
      optgroup.append(element(doc, 'option', { value: `${group.section}.${key}` }, `${key}: “${excerpt(group.texts[key]!)}”`));
    }
    select.append(optgroup);
  }
  const textLabel = `Your text ${number}`;
  // Named as its label too: rows may choose the same text, and a row's problem shows on that row alone.
  const input = element(doc, 'input', { type: 'text', id: textId, 'data-string-text': '', 'data-field': textLabel, autocomplete: 'off' });
  const keyField = element(doc, 'div', { class: 'field' });
  keyField.append(element(doc, 'label', { for: keyId }, keyLabel), select);
  const textField = element(doc, 'div', { class: 'field' });
  textField.append(element(doc, 'label', { for: textId }, textLabel), input);
  const remove = element(doc, 'button', { type: 'button', class: 'button button--ghost', 'data-remove-string': '' }, 'Remove');
  remove.append(element(doc, 'span', { class: 'visually-hidden' }, ` text ${number}`));
  row.append(keyField, textField, remove);
  return row;
}

/** The English wording of an override key (`chat.title`), for the replacement box's placeholder. */
export function englishText(groups: readonly TextGroup[], key: string): string {
  for (const group of groups) {
    if (key.startsWith(`${group.section}.`)) return group.texts[key.slice(group.section.length + 1)] ?? '';
  }
  return '';
}
