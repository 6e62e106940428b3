/**
 * The configurator page: reads the form, checks the config with the bundle's own validation
 * (`dist/config.js`), shows each warning next to its field and in a summary, writes the snippet
 * with the integrity hash of the served `regulars.js`, copies it, and keeps the preview frame on
 * the merchant's latest settings.
 */
import type * as ConfigSchemaModule from '../../src/config-schema';
import type { RegularsConfig, WidgetName } from '../../src/config-schema';
import { announcement, type ShownProblems } from './configurator-announce';
import { colourHex, isCssColour } from './configurator-colour';
import { englishText, localeOptions, stringRow, textGroups, triggerFields, type TextGroup } from './configurator-fields';
import { configFromForm, fieldForProblem, formProblems, type FormValues, type TriggerRuleName, type TriggerSection } from './configurator-form';
import { PREVIEW_PAGE, previewConfig, storePreviewConfig } from './configurator-preview';
import { bundleFolderProblems, buildSnippet, defaultBundleFolder, schemelessProblems, sriFromDigest, type SnippetProblem } from './configurator-snippet';

/** The schema module the page imports from `/dist/config.js`. */
export type ConfigSchema = typeof ConfigSchemaModule;

/** The configurator's elements. */
export interface ConfiguratorElements {
  status: HTMLElement;
  /** The polite live region that reads out a changed field's problems. */
  announcer: HTMLElement;
  root: HTMLElement;
  form: HTMLFormElement;
  bundleFolder: HTMLInputElement;
  endpoint: HTMLInputElement;
  locale: HTMLSelectElement;
  stringRows: HTMLOListElement;
  addString: HTMLButtonElement;
  /** Where the preview frame goes, once there is a config to preview. */
  previewHolder: HTMLElement;
  problems: HTMLElement;
  problemList: HTMLUListElement;
  snippetHead: HTMLTextAreaElement;
  snippetSlot: HTMLTextAreaElement;
}

/** What the page needs from the browser, passed in so tests can give their own. */
export interface ConfiguratorServices {
  fetcher: typeof fetch;
  /** Undefined outside a secure context (https, localhost, 127.0.0.1). */
  subtle: SubtleCrypto | undefined;
  storage: Storage | null;
  clipboard: Pick<Clipboard, 'writeText'> | undefined;
  pageUrl: string;
}

/** The served loader the integrity hash is computed from. */
export const SERVED_LOADER = '/dist/regulars.js';

/** How long the preview waits after the last change before it reloads. */
const PREVIEW_DELAY_MS = 400;

/** Computes the `sha384-…` integrity value of the served loader. */
export async function computeIntegrity(fetcher: typeof fetch, subtle: SubtleCrypto | undefined): Promise<string> {
  if (!subtle) throw new Error('the page is not in a secure context (use https or 127.0.0.1)');
  const response = await fetcher(SERVED_LOADER, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${SERVED_LOADER} answered ${response.status}`);
  return sriFromDigest(await subtle.digest('SHA-384', await response.arrayBuffer()));
}

/** Finds the configurator's elements, or returns null on any other page. */
export function findConfiguratorElements(doc: Document): ConfiguratorElements | null {
  const byId = <T extends HTMLElement>(id: string, tag: string): T | null => {
    const found = doc.getElementById(id);
    return found && found.localName === tag ? (found as T) : null;
  };
  const elements = {
    status: doc.getElementById('configurator-status'),
    announcer: doc.getElementById('field-announcer'),
    root: doc.getElementById('configurator'),
    form: byId<HTMLFormElement>('configurator-form', 'form'),
    bundleFolder: byId<HTMLInputElement>('bundle-folder', 'input'),
    endpoint: byId<HTMLInputElement>('endpoint', 'input'),
    locale: byId<HTMLSelectElement>('locale', 'select'),
    stringRows: byId<HTMLOListElement>('string-rows', 'ol'),
    addString: byId<HTMLButtonElement>('add-string', 'button'),
    previewHolder: doc.getElementById('preview-holder'),
    problems: doc.getElementById('problems'),
    problemList: byId<HTMLUListElement>('problem-list', 'ul'),
    snippetHead: byId<HTMLTextAreaElement>('snippet-head', 'textarea'),
    snippetSlot: byId<HTMLTextAreaElement>('snippet-slot', 'textarea'),
  };
  return Object.values(elements).every(Boolean) ? (elements as ConfiguratorElements) : null;
}

const checkedValues = (form: HTMLFormElement, name: string) =>
  Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`), (input) => input.value);

/** Reads the form into plain values. */
export function readForm(ui: ConfiguratorElements): FormValues {
  const { form } = ui;
  const theme: Record<string, string> = {};
  for (const input of Array.from(form.querySelectorAll<HTMLInputElement>('input[data-theme]'))) theme[input.dataset.theme!] = input.value;
  const triggers: FormValues['triggers'] = {};
  for (const control of Array.from(form.querySelectorAll<HTMLInputElement>('input[data-trigger-rule]'))) {
    const section = control.dataset.triggerSection as TriggerSection;
    const rule = control.dataset.triggerRule as TriggerRuleName;
    const rules = (triggers[section] ??= {});
    if (control.type === 'checkbox') {
      if (control.checked !== control.defaultChecked) rules[rule] = control.checked;
    } else {
      rules[rule] = control.value;
    }
  }
  const strings = Array.from(ui.stringRows.querySelectorAll<HTMLElement>('li[data-string-row]'), (row) => {
    const select = row.querySelector<HTMLSelectElement>('select[data-string-key]');
    const input = row.querySelector<HTMLInputElement>('input[data-string-text]');
    return { key: select?.value ?? '', text: input?.value ?? '', number: Number(row.dataset.stringRow), keyField: select?.dataset.field ?? 'strings', textField: input?.dataset.field ?? 'strings' };
  });
  return {
    endpoint: ui.endpoint.value,
    widgets: checkedValues(form, 'widgets'),
    locale: ui.locale.value,
    consent: checkedValues(form, 'consent')[0] === 'required' ? 'required' : 'granted',
    theme,
    chatPosition: checkedValues(form, 'chat-position')[0] === 'left' ? 'left' : 'right',
    chatColor: form.querySelector<HTMLInputElement>('#chat-color')?.value ?? '',
    triggers,
    strings,
  };
}

const message = (problem: SnippetProblem) => `${problem.field}: ${problem.problem}. ${problem.fix}`;

/** Starts the configurator with the loaded schema; returns the function that redraws from the form. */
export async function startConfigurator(doc: Document, ui: ConfiguratorElements, schema: ConfigSchema, services: ConfiguratorServices): Promise<() => void> {
  const { form } = ui;
  const touched = new Set<string>();
  /** The problems shown next to each field since the last update, and as the last change left them (typing updates the first). */
  let shown: ShownProblems = new Map();
  let settled = shown;
  let integrity: string | null = null;
  let integrityProblem: SnippetProblem | null = null;
  let previewJson = '';
  let previewTimer: ReturnType<typeof setTimeout> | undefined;
  let rowNumber = 0;
  let frame: HTMLIFrameElement | null = null;

  // Fields that come from the schema: the languages, the trigger rules and the replaceable texts.
  ui.locale.append(...localeOptions(doc, schema.LOCALES));
  for (const fieldset of Array.from(form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-trigger-section]'))) {
    const section = fieldset.dataset.triggerSection as TriggerSection;
    const name = schema.WIDGET_NAMES.find((widget) => schema.OPTION_SECTIONS[widget] === section)!;
    fieldset.append(...triggerFields(doc, section, schema.TRIGGER_RULE_NAMES, schema.WIDGET_RULES[name].trigger ?? {}));
  }
  // The schema's defaults, not hand-copied ones: an empty field shows the look the widgets really have.
  for (const input of Array.from(form.querySelectorAll<HTMLInputElement>('input[data-theme]'))) {
    input.placeholder = schema.DEFAULT_THEME[input.dataset.theme as keyof typeof schema.DEFAULT_THEME] ?? '';
  }
  const widgetLabel = (name: WidgetName) => doc.querySelector(`label[for="widget-${name}"]`)?.textContent ?? name;
  const groups: TextGroup[] = textGroups(schema.WIDGET_NAMES, schema.OPTION_SECTIONS, schema.ENGLISH_TEXTS, widgetLabel);
  ui.bundleFolder.value = defaultBundleFolder(schema.VERSION);

  try {
    integrity = await computeIntegrity(services.fetcher, services.subtle);
  } catch (error) {
    integrityProblem = {
      field: 'integrity',
      problem: `could not be computed (${error instanceof Error ? error.message : String(error)})`,
      fix: 'The snippet below has no integrity hash; open the configurator over https or on 127.0.0.1',
    };
  }

  const controlFor = (field: string): HTMLElement | null => form.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`);
  const focusTarget = (control: HTMLElement): HTMLElement =>
    control.localName === 'fieldset' ? (control.querySelector<HTMLElement>('input, select, textarea') ?? control) : control;

  /** One paragraph per message, so several problems of one field read as separate lines. */
  const lines = (texts: readonly string[]) =>
    texts.map((text) => {
      const line = doc.createElement('p');
      line.textContent = text;
      return line;
    });

  /** The visible name of a field's control: its label, or its legend for a group. */
  function labelOf(field: string): string {
    const control = controlFor(field);
    const name = control?.localName === 'fieldset' ? control.querySelector(':scope > legend') : control?.id ? doc.querySelector(`label[for="${CSS.escape(control.id)}"]`) : null;
    return name?.textContent?.replace(/\s+/g, ' ').trim() || field;
  }

  function showFieldErrors(byField: Map<string, SnippetProblem[]>): void {
    const next = new Map<string, SnippetProblem[]>();
    for (const control of Array.from(form.querySelectorAll<HTMLElement>('[data-field]'))) {
      const field = control.dataset.field!;
      const errorId = `${control.id}-error`;
      let error = doc.getElementById(errorId);
      const problems = touched.has(field) ? (byField.get(field) ?? []) : [];
      const texts = problems.map(message);
      next.set(field, problems);
      if (control.dataset.baseDescribedby === undefined) control.dataset.baseDescribedby = control.getAttribute('aria-describedby') ?? '';
      const base = control.dataset.baseDescribedby;
      const isFieldset = control.localName === 'fieldset';
      if (!texts.length) {
        error?.remove();
        if (!isFieldset) control.removeAttribute('aria-invalid');
        if (base) control.setAttribute('aria-describedby', base);
        else control.removeAttribute('aria-describedby');
        continue;
      }
      if (!error) {
        error = doc.createElement('div');
        error.className = 'field__error';
        error.id = errorId;
        if (isFieldset) control.querySelector(':scope > legend')!.after(error);
        else (control.closest('.field, .choice') ?? control).append(error);
      }
      error.replaceChildren(...lines(texts));
      if (!isFieldset) control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', `${base} ${errorId}`.trim());
    }
    shown = next;
  }

  function showSummary(problems: SnippetProblem[], fieldOf: (problem: SnippetProblem) => string | null): void {
    ui.problemList.replaceChildren(
      ...problems.map((problem) => {
        const item = doc.createElement('li');
        const field = fieldOf(problem);
        const control = field ? controlFor(field) : null;
        if (control) {
          const link = doc.createElement('a');
          link.href = `#${control.id}`;
          link.textContent = problem.field;
          link.addEventListener('click', (event) => {
            event.preventDefault();
            const target = focusTarget(control);
            target.focus();
            target.scrollIntoView({ block: 'center' });
          });
          item.append(link, `: ${problem.problem}. ${problem.fix}`);
        } else {
          item.textContent = message(problem);
        }
        return item;
      }),
    );
    ui.problems.hidden = problems.length === 0;
  }

  function schedulePreview(config: RegularsConfig): void {
    const preview = previewConfig(config);
    const json = JSON.stringify(preview);
    if (json === previewJson) return;
    previewJson = json;
    clearTimeout(previewTimer);
    const load = () => {
      if (!services.storage || !storePreviewConfig(services.storage, preview)) return;
      if (frame?.contentWindow) {
        // replace(): reloading the frame must not add an entry to the page's back-button history.
        frame.contentWindow.location.replace(PREVIEW_PAGE);
        return;
      }
      // Made only now, with its page: an empty frame would show nothing and still be in the tab order.
      frame = doc.createElement('iframe');
      frame.className = 'preview-frame';
      frame.id = 'preview-frame';
      frame.title = 'Preview: the Linen Overshirt page with your settings';
      frame.src = PREVIEW_PAGE;
      ui.previewHolder.replaceChildren(frame);
    };
    if (frame) previewTimer = setTimeout(load, PREVIEW_DELAY_MS);
    else load();
  }

  /**
   * The colour a colour box gives the widgets: its own value when the browser and the bundle take
   * it, else its placeholder (the colour used instead: the default, or the accent for the launcher).
   */
  const effectiveColour = (text: HTMLInputElement, problems: readonly SnippetProblem[]) => {
    const value = text.value.trim();
    return value && isCssColour(doc, value) && !problems.some((problem) => problem.field === text.dataset.field) ? value : text.placeholder;
  };

  /** Sets each colour picker to the colour its text box gives the widgets. */
  function syncPickers(problems: readonly SnippetProblem[]): void {
    for (const picker of Array.from(form.querySelectorAll<HTMLInputElement>('input[data-picker-for]'))) {
      const hex = colourHex(doc, effectiveColour(doc.getElementById(picker.dataset.pickerFor!) as HTMLInputElement, problems));
      // A picker holds only #rrggbb; a colour it cannot hold (display-p3) leaves it where it was.
      if (hex) picker.value = hex;
    }
  }

  function update(): void {
    const values = readForm(ui);
    const config = configFromForm(values, schema);
    const { problems } = schema.validateConfig(config, services.pageUrl, doc.documentElement.lang || 'en');
    // The loader accepts a relative endpoint by design (`/regulars`), so only the configurator can tell a forgotten scheme.
    const all: SnippetProblem[] = [
      ...bundleFolderProblems(ui.bundleFolder.value, schema.VERSION, services.pageUrl),
      ...schemelessProblems('endpoint', values.endpoint),
      ...formProblems(values, schema),
      ...(integrityProblem ? [integrityProblem] : []),
      ...problems,
    ];
    const fieldOf = (problem: SnippetProblem) => fieldForProblem(problem.field, (field) => controlFor(field) !== null);

    const byField = new Map<string, SnippetProblem[]>();
    for (const problem of all) {
      const field = fieldOf(problem);
      if (field) byField.set(field, [...(byField.get(field) ?? []), problem]);
    }
    showFieldErrors(byField);
    showSummary(all, fieldOf);

    // The launcher follows the accent the widgets use while its own colour is empty or wrong, so its placeholder and picker do too.
    const launcherColour = form.querySelector<HTMLInputElement>('#chat-color');
    const accent = form.querySelector<HTMLInputElement>('#theme-accent');
    if (launcherColour) launcherColour.placeholder = accent ? effectiveColour(accent, all) : schema.DEFAULT_THEME.accent;
    syncPickers(all);

    for (const section of Array.from(form.querySelectorAll<HTMLElement>('[data-widget]'))) section.hidden = !values.widgets.includes(section.dataset.widget!);
    for (const button of Array.from(doc.querySelectorAll<HTMLButtonElement>('[data-preview-open]'))) button.disabled = !values.widgets.includes(button.dataset.previewOpen!);

    const snippet = buildSnippet({ bundleFolder: ui.bundleFolder.value, integrity, config });
    if (ui.snippetHead.value !== snippet.head) {
      ui.snippetHead.value = snippet.head;
      // Long lines wrap: the box grows to its content so the whole snippet reads without scrolling.
      ui.snippetHead.style.height = '';
      ui.snippetHead.style.height = `${ui.snippetHead.scrollHeight + 2}px`;
      for (const status of Array.from(doc.querySelectorAll('[data-copy-status]'))) status.textContent = '';
    }
    ui.snippetSlot.value = snippet.slot;
    ui.snippetSlot.closest('.snippet')!.toggleAttribute('hidden', !values.widgets.includes('recently-viewed'));
    schedulePreview(config);
  }

  function addStringRow(): HTMLLIElement {
    rowNumber += 1;
    const row = stringRow(doc, rowNumber, groups);
    ui.stringRows.append(row);
    return row;
  }

  form.addEventListener('input', (event) => {
    const target = event.target as HTMLElement;
    const pickerFor = target.dataset.pickerFor;
    if (pickerFor) {
      const text = doc.getElementById(pickerFor) as HTMLInputElement;
      text.value = (target as HTMLInputElement).value;
      touched.add(text.dataset.field!);
    }
    update();
  });

  /** The fields a change belongs to: the control's own (a picker's is its text box's), and every field of its text row. */
  function changedFields(target: HTMLElement): string[] {
    const source = (target.dataset.pickerFor && doc.getElementById(target.dataset.pickerFor)) || target;
    const fields = new Set<string>();
    const own = source.closest<HTMLElement>('[data-field]')?.dataset.field;
    if (own) fields.add(own);
    // A text row's problems may sit on its other control (a text typed before its key is chosen).
    const row = ui.stringRows.contains(source) ? source.closest('li') : null;
    for (const control of Array.from(row?.querySelectorAll<HTMLElement>('[data-field]') ?? [])) fields.add(control.dataset.field!);
    return [...fields];
  }

  /** Every text row's fields: a row's change may settle or start a problem of another row that chose the same text. */
  const rowFields = () => Array.from(ui.stringRows.querySelectorAll<HTMLElement>('[data-field]'), (control) => control.dataset.field!);

  /** Says what a change did to `fields` (and to `related` ones, when it changed them), then takes it as settled. */
  function announce(fields: readonly string[], related: readonly string[]): void {
    ui.announcer.replaceChildren(...lines(announcement(fields, settled, shown, labelOf, related)));
    settled = shown;
  }

  form.addEventListener('change', (event) => {
    const target = event.target as HTMLElement;
    if (target.matches('select[data-string-key]')) {
      const select = target as HTMLSelectElement;
      const text = select.closest('li')!.querySelector<HTMLInputElement>('input[data-string-text]')!;
      text.placeholder = englishText(groups, select.value);
    }
    const fields = changedFields(target);
    for (const field of fields) touched.add(field);
    update();
    // On change, not on input: a screen reader hears the verdict once the merchant leaves the field, not at every keystroke.
    announce(fields, ui.stringRows.contains(target) ? rowFields() : []);
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('click', (event) => {
    const remove = (event.target as HTMLElement).closest('[data-remove-string]');
    if (!remove) return;
    const row = remove.closest('li')!;
    const next = (row.previousElementSibling ?? row.nextElementSibling)?.querySelector<HTMLSelectElement>('select');
    row.remove();
    // Focus stays in the list when a row goes, or returns to the button that adds one.
    (next ?? ui.addString).focus();
    update();
    // The row that chose the same text may be fine now.
    announce([], rowFields());
  });
  ui.addString.addEventListener('click', () => {
    addStringRow().querySelector('select')!.focus();
    update();
  });

  for (const button of Array.from(doc.querySelectorAll<HTMLButtonElement>('[data-preview-open]'))) {
    button.addEventListener('click', () => {
      const command = (frame?.contentWindow as (Window & { regulars?: (command: string, name: string) => void }) | null | undefined)?.regulars;
      if (typeof command === 'function') command('open', button.dataset.previewOpen!);
    });
  }

  for (const button of Array.from(doc.querySelectorAll<HTMLButtonElement>('[data-copy]'))) {
    const source = doc.getElementById(button.dataset.copy!) as HTMLTextAreaElement;
    const status = doc.querySelector(`[data-copy-status="${button.dataset.copy}"]`)!;
    button.addEventListener('click', async () => {
      try {
        if (!services.clipboard) throw new Error('no clipboard');
        await services.clipboard.writeText(source.value);
        status.textContent = 'Copied to the clipboard.';
      } catch {
        source.focus();
        source.select();
        status.textContent = 'Selected: press Ctrl+C (⌘C on a Mac) to copy it.';
      }
    });
  }

  ui.root.hidden = false;
  ui.status.textContent = integrityProblem
    ? 'Ready, but without an integrity hash: see the list above the snippet.'
    : `Ready: Regulars ${schema.VERSION}. Every change updates the snippet and the preview.`;
  update();
  return update;
}
