import { createHash, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import * as schema from '../../src/config-schema';
import { findConfiguratorElements, SERVED_LOADER, startConfigurator, type ConfiguratorElements } from './configurator-page';

// Node's path helpers, because the test environment's URL is the DOM's, not Node's file URL.
const PAGE_FILE = join(fileURLToPath(import.meta.url), '../../configurator.html');
const LOADER_BYTES = new TextEncoder().encode('(()=>{/* regulars */})();\n');
const PAGE_URL = 'http://127.0.0.1:5173/demo/configurator.html';

let ui: ConfiguratorElements;
let copied: string[];
let fetched: string[];

/** The configurator page as served, without stylesheets and scripts: happy-dom loads neither. */
const staticPage = () => new DOMParser().parseFromString(readFileSync(PAGE_FILE, 'utf8').replace(/<link rel="stylesheet"[^>]*>|<script[^>]*><\/script>/g, ''), 'text/html');

async function start(secureContext = true): Promise<void> {
  const parsed = staticPage();
  document.body.replaceChildren(...Array.from(parsed.body.childNodes, (node) => document.importNode(node, true)));
  ui = findConfiguratorElements(document)!;
  copied = [];
  fetched = [];
  await startConfigurator(document, ui, schema, {
    fetcher: async (input) => {
      fetched.push(String(input));
      return new Response(LOADER_BYTES);
    },
    subtle: secureContext ? (webcrypto.subtle as SubtleCrypto) : undefined,
    storage: null,
    clipboard: { writeText: async (text: string) => void copied.push(text) },
    pageUrl: PAGE_URL,
  });
}

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

/** Chooses the text a row replaces, as the browser reports it. */
function choose(number: number, key: string): void {
  const select = $<HTMLSelectElement>(`#string-key-${number}`);
  select.value = key;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Types into a field the way the browser reports it: input while typing, change when leaving. */
function type(selector: string, value: string): void {
  const field = $<HTMLInputElement>(selector);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

function tick(selector: string, checked: boolean): void {
  const box = $<HTMLInputElement>(selector);
  box.checked = checked;
  box.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('the configurator page', () => {
  beforeEach(() => start());

  it('finds its elements only on its own page', () => {
    expect(ui).not.toBeNull();
    document.body.replaceChildren();
    expect(findConfiguratorElements(document)).toBeNull();
  });

  it('writes the snippet with the hash of the served loader and the versioned default folder', () => {
    expect(fetched).toEqual([SERVED_LOADER]);
    const integrity = `sha384-${createHash('sha384').update(LOADER_BYTES).digest('base64')}`;
    expect(ui.snippetHead.value).toBe(
      `<script async fetchpriority="low" src="https://cdn.jsdelivr.net/npm/regulars@${schema.VERSION}/dist/regulars.js" integrity="${integrity}" crossorigin="anonymous" data-widgets="recently-viewed,account-prompt,chat,loyalty-wheel"></script>`,
    );
    expect(ui.snippetSlot.value).toBe('<div data-regulars-slot="recently-viewed"></div>');
    expect(ui.root.hidden).toBe(false);
  });

  it('builds a labelled field for every trigger rule, with the bundle defaults', () => {
    for (const section of ['accountPrompt', 'loyaltyWheel']) {
      for (const rule of schema.TRIGGER_RULE_NAMES) {
        const control = $<HTMLInputElement>(`#${section}-trigger-${rule}`);
        expect(control.dataset.field).toBe(`${section}.trigger.${rule}`);
        expect($(`label[for="${control.id}"]`).textContent).not.toBe('');
      }
    }
    expect($<HTMLInputElement>('#accountPrompt-trigger-productViews').placeholder).toBe('3');
    expect($('#loyaltyWheel-trigger-pages-hint').textContent).toBe('Default: 3');
    expect($('#accountPrompt-trigger-seconds-hint').textContent).toBe('Default: not used');
    expect(Array.from(ui.locale.options, (option) => option.value)).toEqual(['', ...schema.LOCALES]);
  });

  it('shows the bundle warning next to a field the merchant changed, tied to it, and in the summary', () => {
    const endpointWarnings = () => Array.from(ui.problemList.children, (item) => item.textContent).filter((text) => text!.startsWith('endpoint'));
    // Not yet touched: only the summary names the missing endpoint.
    expect(endpointWarnings()).toHaveLength(3);
    expect(document.getElementById('endpoint-error')).toBeNull();

    // Without the endpoint the bundle skips the account prompt before reading its rules, and says nothing of them.
    type('#accountPrompt-trigger-pages', '-2');
    expect(document.getElementById('accountPrompt-trigger-pages-error')).toBeNull();
    expect(ui.problemList.textContent).not.toContain('accountPrompt.trigger.pages');
    type('#endpoint', 'https://shop.example/regulars');
    expect(endpointWarnings()).toEqual([]);
    const error = $('#accountPrompt-trigger-pages-error');
    expect(error.textContent).toBe('accountPrompt.trigger.pages: must be a number of 0 or more. Give a count, or remove the rule');
    const field = $('#accountPrompt-trigger-pages');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBe('accountPrompt-trigger-pages-hint accountPrompt-trigger-pages-error');
    expect(ui.problemList.textContent).toContain('accountPrompt.trigger.pages: must be a number of 0 or more.');

    type('#accountPrompt-trigger-pages', '2');
    expect(document.getElementById('accountPrompt-trigger-pages-error')).toBeNull();
    expect(field.hasAttribute('aria-invalid')).toBe(false);
    expect(field.getAttribute('aria-describedby')).toBe('accountPrompt-trigger-pages-hint');
    expect(ui.problems.hidden).toBe(true);
  });

  it('shows each problem of a field as its own line, described by the field', () => {
    type('#endpoint', '');
    const error = $('#endpoint-error');
    expect(Array.from(error.children, (line) => [line.localName, line.textContent])).toEqual(
      ['account-prompt', 'chat', 'loyalty-wheel'].map((name) => ['p', `endpoint: is needed by the ${name} widget. Set data-endpoint to your Regulars endpoint; the widget is skipped meanwhile`]),
    );
    expect($('#endpoint').getAttribute('aria-describedby')).toBe('endpoint-hint endpoint-error');
  });

  it('announces the problems of the field just changed, once it changed, and when they are gone', () => {
    const announcer = $('#field-announcer');
    expect(announcer.getAttribute('role')).toBe('status');
    type('#endpoint', 'https://shop.example/regulars');
    const field = $<HTMLInputElement>('#chat-color');
    field.value = 'red; x';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    expect(announcer.textContent).toBe('');
    field.dispatchEvent(new Event('change', { bubbles: true }));
    // Said under the label the merchant sees, not the config path the error text starts with.
    expect($('#chat-color-error').textContent).toMatch(/^chat\.color: "red; x" is not a CSS colour\. /);
    expect(Array.from(announcer.children, (line) => line.textContent)).toEqual([$('#chat-color-error').textContent!.replace(/^chat\.color:/, 'Launcher colour:')]);

    type('#chat-color', '#24405f');
    expect(announcer.textContent).toBe('Launcher colour: fine now.');
    type('#endpoint', 'https://shop.example/regulars/');
    expect(announcer.textContent).toBe('');
  });

  it('announces a text chosen twice as fine once either row chooses another text, or the row goes', () => {
    const announced = () => Array.from($('#field-announcer').children, (line) => line.textContent);
    const twice = (dropped: number, used: number) => `Text ${dropped} to replace: is also chosen in Text ${used}, whose text is used instead. Keep one row for this text and remove the others`;
    ui.addString.click();
    choose(1, 'chat.title');
    type('#string-text-1', 'First');
    ui.addString.click();
    choose(2, 'chat.title');
    expect(announced()).toEqual([twice(2, 1)]);
    choose(2, 'chat.send');
    expect(announced()).toEqual(['Text 2 to replace: fine now.']);

    // Row 2's text wins: the problem sits on row 1, and a change in row 2 says what became of it.
    choose(2, 'chat.title');
    type('#string-text-2', 'Second');
    expect(announced()).toEqual(['Text 2 to replace: fine now.', twice(1, 2)]);
    choose(2, 'chat.send');
    expect(announced()).toEqual(['Text 1 to replace: fine now.']);
    choose(2, 'chat.title');
    $<HTMLButtonElement>('#string-rows li:last-child [data-remove-string]').click();
    expect(announced()).toEqual(['Text 1 to replace: fine now.']);
  });

  it('names an endpoint or bundle folder without a scheme next to its field', () => {
    type('#endpoint', 'shop.example/regulars');
    expect($('#endpoint-error').textContent).toBe('endpoint: "shop.example/regulars" has no scheme, so it would be read as a path on each shop page. Start it with https:// (https://shop.example/regulars), or with / for a path on the shop itself');
    type('#endpoint', '/regulars');
    expect(document.getElementById('endpoint-error')).toBeNull();
    type('#bundle-folder', 'cdn.example/regulars/0.1.0');
    expect($('#bundle-folder-error').textContent).toContain('bundle: "cdn.example/regulars/0.1.0" has no scheme');
  });

  it('hides the options of a widget that is off, and leaves them out of the snippet', () => {
    type('#chat-color', '#24405f');
    expect(ui.snippetHead.value).toContain('"color": "#24405f"');
    tick('#widget-chat', false);
    expect($('#chat-options').hidden).toBe(true);
    expect(ui.snippetHead.value).not.toContain('#24405f');
    expect($<HTMLButtonElement>('[data-preview-open="chat"]').disabled).toBe(true);
    tick('#widget-recently-viewed', false);
    expect(ui.snippetSlot.closest('.snippet')!.hasAttribute('hidden')).toBe(true);
  });

  it('keeps a colour picker and its text box in step', () => {
    const picker = $<HTMLInputElement>('#theme-accent-picker');
    picker.value = '#8a3b52';
    picker.dispatchEvent(new Event('input', { bubbles: true }));
    expect($<HTMLInputElement>('#theme-accent').value).toBe('#8a3b52');
    expect(ui.snippetHead.value).toContain('"accent": "#8a3b52"');
    type('#theme-accent', '#24405F');
    expect(picker.value).toBe('#24405f');
  });

  it('shows the schema defaults as theme placeholders and picker colours, and the accent for the launcher', () => {
    for (const token of schema.THEME_TOKENS) {
      expect($<HTMLInputElement>(`#theme-${token}`).placeholder).toBe(schema.DEFAULT_THEME[token]);
      const picker = document.querySelector<HTMLInputElement>(`#theme-${token}-picker`);
      if (picker) expect(picker.value).toBe(schema.DEFAULT_THEME[token]);
    }
    expect($<HTMLInputElement>('#chat-color').placeholder).toBe(schema.DEFAULT_THEME.accent);
    expect($<HTMLInputElement>('#chat-color-picker').value).toBe(schema.DEFAULT_THEME.accent);

    type('#theme-accent', '#8A3B52');
    expect($<HTMLInputElement>('#chat-color').placeholder).toBe('#8A3B52');
    expect($<HTMLInputElement>('#chat-color-picker').value).toBe('#8a3b52');
    type('#chat-color', '#24405f');
    expect($<HTMLInputElement>('#chat-color-picker').value).toBe('#24405f');
    type('#theme-accent', '');
    expect($<HTMLInputElement>('#theme-accent-picker').value).toBe(schema.DEFAULT_THEME.accent);
    expect($<HTMLInputElement>('#chat-color-picker').value).toBe('#24405f');
  });

  it('shows the colour the widgets use: the default for a wrong colour, and any colour the browser reads as #rrggbb', () => {
    const launcher = $<HTMLInputElement>('#chat-color');
    const pickers = () => [$<HTMLInputElement>('#theme-accent-picker').value, $<HTMLInputElement>('#chat-color-picker').value];
    type('#theme-accent', '#1f6f5');
    expect(launcher.placeholder).toBe(schema.DEFAULT_THEME.accent);
    expect(pickers()).toEqual([schema.DEFAULT_THEME.accent, schema.DEFAULT_THEME.accent]);
    type('#theme-accent', '#F00');
    expect(launcher.placeholder).toBe('#F00');
    expect(pickers()).toEqual(['#ff0000', '#ff0000']);
    // A wrong launcher colour: the launcher uses the accent meanwhile.
    type('#endpoint', 'https://shop.example/regulars');
    type('#chat-color', 'bright mauve');
    expect(pickers()).toEqual(['#ff0000', '#ff0000']);
  });

  it('has the schema defaults in the static page too, before its script runs', () => {
    const page = staticPage();
    for (const token of schema.THEME_TOKENS) {
      expect(page.querySelector<HTMLInputElement>(`#theme-${token}`)!.getAttribute('placeholder')).toBe(schema.DEFAULT_THEME[token]);
      const picker = page.querySelector<HTMLInputElement>(`#theme-${token}-picker`);
      if (picker) expect(picker.getAttribute('value')).toBe(schema.DEFAULT_THEME[token]);
    }
    expect(page.querySelector('#chat-color')!.getAttribute('placeholder')).toBe(schema.DEFAULT_THEME.accent);
    expect(page.querySelector('#chat-color-picker')!.getAttribute('value')).toBe(schema.DEFAULT_THEME.accent);
  });

  it('replaces a text chosen from the English packs, and removes the row with focus kept in the form', () => {
    ui.addString.click();
    const select = $<HTMLSelectElement>('#string-key-1');
    expect(document.activeElement).toBe(select);
    expect(select.querySelectorAll('option')).toHaveLength(1 + schema.WIDGET_NAMES.reduce((sum, name) => sum + Object.keys(schema.ENGLISH_TEXTS[name]).length, 0));
    choose(1, 'chat.title');
    expect($<HTMLInputElement>('#string-text-1').placeholder).toBe('Chat with us');
    type('#string-text-1', 'Ask us </script>');
    expect(ui.snippetHead.value).toContain('"chat.title": "Ask us \\u003c/script>"');

    $<HTMLButtonElement>('[data-remove-string]').click();
    expect(document.querySelector('#string-key-1')).toBeNull();
    expect(document.activeElement).toBe(ui.addString);
    expect(ui.snippetHead.value).not.toContain('chat.title');
  });

  it('names the text rows the snippet would drop or merge, on the row they come from', () => {
    ui.addString.click();
    type('#string-text-1', 'Ask us');
    const select = $<HTMLSelectElement>('#string-key-1');
    expect($('#string-key-1-error').textContent).toBe('Text 1 to replace: is not chosen, so "Ask us" replaces nothing. Choose the text it replaces, or remove the row');
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(ui.problemList.textContent).toContain('Text 1 to replace: is not chosen');
    choose(1, 'chat.title');
    expect(document.getElementById('string-key-1-error')).toBeNull();

    ui.addString.click();
    choose(2, 'chat.title');
    type('#string-text-2', 'Talk to us');
    expect($('#string-key-1-error').textContent).toBe('Text 1 to replace: is also chosen in Text 2, whose text is used instead. Keep one row for this text and remove the others');
    expect(document.getElementById('string-key-2-error')).toBeNull();
    expect(ui.snippetHead.value).toContain('"chat.title": "Talk to us"');

    choose(2, 'chat.send');
    type('#string-text-2', '   ');
    expect(document.getElementById('string-key-1-error')).toBeNull();
    expect(document.getElementById('string-text-1-error')).toBeNull();
    expect($('#string-text-2-error').textContent).toBe('Your text 2: is only spaces, so the widget keeps its own text. Type the text to show, or remove the row');
  });

  it('says which row of a text chosen twice is used, and only on the row that is not', () => {
    ui.addString.click();
    choose(1, 'chat.title');
    type('#string-text-1', 'First');
    ui.addString.click();
    choose(2, 'chat.title');
    for (const later of ['', '   ']) {
      type('#string-text-2', later);
      expect(ui.snippetHead.value).toContain('"chat.title": "First"');
      expect($('#string-key-2-error').textContent).toBe('Text 2 to replace: is also chosen in Text 1, whose text is used instead. Keep one row for this text and remove the others');
      expect(Array.from(document.querySelectorAll('#string-rows .field__error'), (error) => error.id)).toEqual(['string-key-2-error']);
    }
  });

  it('names a count too large to be a number instead of writing null', () => {
    type('#accountPrompt-trigger-pages', '9'.repeat(400));
    expect($('#accountPrompt-trigger-pages-error').textContent).toBe('accountPrompt.trigger.pages: is too large a number (400 digits). Give a smaller count, or remove the rule');
    expect(ui.snippetHead.value).not.toContain('null');
  });

  it('copies the snippet and says so', async () => {
    $<HTMLButtonElement>('[data-copy="snippet-head"]').click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(copied).toEqual([ui.snippetHead.value]);
    expect($('[data-copy-status="snippet-head"]').textContent).toBe('Copied to the clipboard.');
  });
});

describe('the configurator outside a secure context', () => {
  it('writes the snippet without a hash and says why', async () => {
    await start(false);
    expect(ui.snippetHead.value).not.toContain('integrity');
    expect(ui.problemList.textContent).toContain('integrity: could not be computed (the page is not in a secure context');
  });
});
