/**
 * The configurator in real Chromium: a merchant sets it up by keyboard alone on a phone, the
 * preview frame shows the chosen widgets, a wrong value shows next to its field the very warning
 * the bundle logs for it, the copied snippet carries the SRI hash of the served regulars.js, and
 * that snippet pasted into a page under a strict CSP installs the same config. axe-core finds
 * nothing wrong with the page.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, baseUrl, newShopper, type Shopper, useDemoBrowser } from './harness';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
/** Where the configurator proposes to load the bundle from; the tests serve it from dist/. */
const CDN = 'https://cdn.jsdelivr.net';
const ACCENT = '#8a3b52';
const CHAT_COLOUR = '#24405f';
const WRONG_COLOUR = 'bright mauve';
/** The typo a QA reviewer made: five hex digits. */
const ACCENT_TYPO = '#1f6f5';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const demo = useDemoBrowser();
const people = demo.shoppers;

async function person(): Promise<Shopper> {
  const created = await newShopper(demo.browser);
  people.push(created);
  return created;
}

/** Presses Tab (or Shift+Tab) until `selector` has focus: the way a keyboard user gets there. */
async function tabTo(page: Page, selector: string, backwards = false): Promise<void> {
  for (let presses = 0; presses < 150; presses += 1) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Serves the versioned bundle folder the snippet names from dist/, with the CORS header a CDN sends. */
async function serveBundleFolder(shopper: Shopper, tamper = false): Promise<void> {
  await shopper.context.route(`${CDN}/npm/regulars@*/dist/**`, (route) => {
    const file = new URL(route.request().url()).pathname.replace(/^\/npm\/regulars@[^/]+\/dist\//, '');
    let body = readFileSync(DIST + file);
    if (tamper) body = Buffer.concat([body, Buffer.from('\n;')]);
    return route.fulfill({ status: 200, contentType: 'text/javascript', headers: { 'access-control-allow-origin': '*' }, body });
  });
}

/** Serves a merchant page with the pasted snippet, under the CSP the install guides give. */
async function servePastedPage(shopper: Shopper, path: string, head: string, slot: string): Promise<void> {
  const csp = `default-src 'self'; script-src 'self' ${CDN}; style-src 'self'; img-src 'self' data:; connect-src 'self'`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pasted</title>
    ${head}
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Field Jacket","sku":"FJ-1","offers":{"@type":"Offer","price":"120.00","priceCurrency":"EUR"}}</script>
    </head><body><main><h1>Field Jacket</h1>${slot}</main></body></html>`;
  await shopper.page.route(baseUrl + path, (route) => route.fulfill({ status: 200, contentType: 'text/html', headers: { 'content-security-policy': csp }, body: html }));
}

/** What the chat host element says about its place and colours. */
async function chatLook(root: Page | FrameLocator) {
  const host = root.locator('regulars-chat');
  await host.waitFor({ state: 'attached' });
  return host.evaluate((element: HTMLElement) => ({
    position: element.getAttribute('data-regulars-position'),
    colour: element.style.getPropertyValue('--regulars-chat-color'),
    accent: element.style.getPropertyValue('--regulars-accent'),
  }));
}

const sha384 = (bytes: Buffer) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

describe('the configurator', () => {
  it('is set up by keyboard, previews the choice, warns as the bundle does, and writes a snippet that installs the same config', async () => {
    const merchant = await person();
    await merchant.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    const { page } = merchant;
    await merchant.open('/demo/configurator.html', { waitForReady: false });
    await page.getByText(/^Ready: Regulars/).waitFor();

    // Keyboard only: the endpoint, two widgets off, Swedish, an accent, the chat on the left.
    await tabTo(page, '#endpoint');
    await page.keyboard.type(`${baseUrl}/regulars`);
    await tabTo(page, '#widget-account-prompt');
    await page.keyboard.press('Space');
    await tabTo(page, '#widget-loyalty-wheel');
    await page.keyboard.press('Space');
    await tabTo(page, '#locale');
    await page.keyboard.type('Sw');
    expect(await page.locator('#locale').inputValue()).toBe('sv');
    // A colour typo: the bundle checks each theme value with CSS.supports, which happy-dom cannot.
    await tabTo(page, '#theme-accent');
    await page.keyboard.type(ACCENT_TYPO);
    await page.keyboard.press('Tab');
    const accentError = page.locator('#theme-accent-error');
    await accentError.waitFor();
    expect(await accentError.textContent()).toMatch(/^theme\.accent: "#1f6f5" is not a color value the browser accepts/);
    expect(await page.locator('#theme-accent').getAttribute('aria-invalid')).toBe('true');
    await tabTo(page, '#theme-accent', true);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(ACCENT);
    await page.keyboard.press('Tab');
    await accentError.waitFor({ state: 'detached' });
    await tabTo(page, '#chat-position-right');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#chat-position-left').isChecked()).toBe(true);

    // A wrong colour: the bundle's own warning appears next to the field once the merchant moves on.
    await tabTo(page, '#chat-color');
    await page.keyboard.type(WRONG_COLOUR);
    await page.keyboard.press('Tab');
    const error = page.locator('#chat-color-error');
    await error.waitFor();
    const warning = (await error.textContent())!;
    expect(warning).toBe(`chat.color: "${WRONG_COLOUR}" is not a CSS colour. Use a colour such as #0b6e4f or rgb(11 110 79); the theme accent is used meanwhile`);
    expect(await page.locator('#chat-color').getAttribute('aria-invalid')).toBe('true');
    expect((await page.locator('#chat-color').getAttribute('aria-describedby'))!.split(' ')).toContain('chat-color-error');
    expect(await page.locator('#problem-list').textContent()).toContain(warning);
    // The live region says it under the field's visible label, not its config path.
    expect(await page.locator('#field-announcer').textContent()).toBe(warning.replace(/^chat\.color:/, 'Launcher colour:'));
    const wrongSnippet = await page.locator('#snippet-head').inputValue();

    // Fixed: the warning goes.
    await tabTo(page, '#chat-color', true);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(CHAT_COLOUR);
    await page.keyboard.press('Tab');
    await error.waitFor({ state: 'detached' });
    expect(await page.locator('#field-announcer').textContent()).toBe('Launcher colour: fine now.');
    expect(await page.locator('#chat-color').getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('#problems').isHidden()).toBe(true);

    // The preview shows the chosen widgets with the chosen look, in Swedish; the modal ones are off.
    const preview = page.frameLocator('#preview-frame');
    await expect.poll(() => chatLook(preview), { timeout: 10_000 }).toEqual({ position: 'left', colour: CHAT_COLOUR, accent: ACCENT });
    const previewLauncher = preview.locator('regulars-chat').getByRole('button', { name: 'Chatta med oss' });
    await previewLauncher.waitFor();
    const frameBox = (await page.locator('#preview-frame').boundingBox())!;
    const launcherBox = (await previewLauncher.boundingBox())!;
    expect(launcherBox.x - frameBox.x).toBeLessThan(frameBox.width / 2);
    expect(await page.getByRole('button', { name: 'Show the wheel' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Open the chat' }).isEnabled()).toBe(true);

    // Copy by keyboard: the clipboard holds the snippet, whose hash is that of the served regulars.js.
    await tabTo(page, '[data-copy="snippet-head"]');
    await page.keyboard.press('Enter');
    await page.locator('[data-copy-status="snippet-head"]', { hasText: 'Copied to the clipboard.' }).waitFor();
    const head = await page.evaluate(() => navigator.clipboard.readText());
    expect(head).toBe(await page.locator('#snippet-head').inputValue());
    await tabTo(page, '[data-copy="snippet-slot"]');
    await page.keyboard.press('Enter');
    const slot = await page.evaluate(() => navigator.clipboard.readText());
    expect(slot).toBe('<div data-regulars-slot="recently-viewed"></div>');

    const integrity = /integrity="(sha384-[^"]+)"/.exec(head)![1];
    const served = Buffer.from(await (await fetch(`${baseUrl}/dist/regulars.js`)).arrayBuffer());
    expect(integrity).toBe(sha384(served));
    expect(integrity).toBe(sha384(readFileSync(`${DIST}regulars.js`)));
    expect(head).toMatch(/^<script type="application\/json" data-regulars-config>\n[\s\S]*\n<\/script>\n<script async fetchpriority="low" src="https:\/\/cdn\.jsdelivr\.net\/npm\/regulars@[^/]+\/dist\/regulars\.js" integrity="sha384-[^"]+" crossorigin="anonymous" data-endpoint="[^"]+" data-widgets="recently-viewed,chat" data-locale="sv"><\/script>$/);

    // axe-core, the preview frame's store page and widgets included; and nothing wider than a phone.
    for (const frame of page.frames()) if (frame !== page.mainFrame()) await (frame as Frame).evaluate(AXE_SOURCE);
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);

    // The product page without ?preview, in the same tab (same session storage), runs its own snippet.
    await page.goto(`${baseUrl}/demo/products/linen-overshirt.html`);
    const ownLook = await chatLook(page);
    expect(ownLook).toMatchObject({ position: null, colour: '' });
    expect(ownLook.accent).not.toBe(ACCENT);
    expect(merchant.problems).toEqual([]);

    // Pasted into a shop's page under a strict CSP, the snippet installs the same config.
    const shop = await person();
    await serveBundleFolder(shop);
    await servePastedPage(shop, '/test/pasted.html', head, slot);
    await shop.open('/test/pasted.html');
    expect(await chatLook(shop.page)).toEqual({ position: 'left', colour: CHAT_COLOUR, accent: ACCENT });
    await shop.page.locator('regulars-chat').getByRole('button', { name: 'Chatta med oss' }).waitFor();
    await shop.page.evaluate(() => (window as unknown as { regulars: (command: string, name: string) => void }).regulars('open', 'loyalty-wheel'));
    // Warning texts are a lazy chunk: the warning prints once it has arrived.
    await expect.poll(() => shop.warnings).toEqual(["[regulars] open('loyalty-wheel'): that widget is not enabled. Add it to data-widgets"]);
    expect(shop.problems).toEqual([]);

    // The snippet with the wrong colour: the loader logs exactly what the configurator showed.
    const wrong = await person();
    await serveBundleFolder(wrong);
    await servePastedPage(wrong, '/test/wrong.html', wrongSnippet, slot);
    await wrong.open('/test/wrong.html');
    await wrong.page.locator('regulars-chat').waitFor({ state: 'attached' });
    await expect.poll(() => wrong.warnings).toContain(`[regulars] ${warning}`);
  });

  it('previews a config that waits for consent as if the shopper agreed, and keeps the wait in the snippet', async () => {
    const merchant = await person();
    const { page } = merchant;
    await merchant.open('/demo/configurator.html', { waitForReady: false });
    await page.getByText(/^Ready: Regulars/).waitFor();
    await page.getByLabel('Wait for the shopper’s consent').check();
    await page.getByText('The preview acts as if the shopper has agreed.').waitFor();
    await expect.poll(() => page.locator('#snippet-head').inputValue()).toContain('"consent": "required"');

    // A new accent too, so the frame reloads with the waiting config and the check sees that page, not the first one.
    await page.locator('#theme-accent').fill(ACCENT);
    const preview = page.frameLocator('#preview-frame');
    await expect.poll(() => chatLook(preview).then((look) => look.accent), { timeout: 10_000 }).toBe(ACCENT);
    await preview.locator('regulars-chat').getByRole('button', { name: /^Chat with us/ }).waitFor();
    await page.getByRole('button', { name: 'Open the chat' }).click();
    await preview.getByRole('dialog', { name: 'Chat with us' }).waitFor();
    expect(merchant.problems).toEqual([]);
  });

  it('shows on the swatches and the launcher placeholder the colour the widgets use', async () => {
    const merchant = await person();
    const { page } = merchant;
    await merchant.open('/demo/configurator.html', { waitForReady: false });
    await page.getByText(/^Ready: Regulars/).waitFor();
    const launcher = page.locator('#chat-color');
    const defaultAccent = await launcher.getAttribute('placeholder');
    const swatches = () => Promise.all(['#theme-accent-picker', '#chat-color-picker'].map((picker) => page.locator(picker).inputValue()));

    // The typo: the widgets keep the default, and so do the placeholder and the swatches.
    await page.locator('#theme-accent').fill(ACCENT_TYPO);
    expect(await launcher.getAttribute('placeholder')).toBe(defaultAccent);
    expect(await swatches()).toEqual([defaultAccent, defaultAccent]);

    // Any colour the browser reads, as the #rrggbb it stands for.
    for (const [accent, hex] of [['RED', '#ff0000'], ['#f00', '#ff0000'], ['rgb(11 110 79)', '#0b6e4f'], ['rebeccapurple', '#663399']]) {
      await page.locator('#theme-accent').fill(accent!);
      expect(await launcher.getAttribute('placeholder')).toBe(accent);
      expect(await swatches()).toEqual([hex, hex]);
    }
    await page.locator('#theme-accent').fill('RED');
    await expect.poll(() => chatLook(page.frameLocator('#preview-frame')).then((look) => look.accent), { timeout: 10_000 }).toBe('RED');
    expect(await swatches()).toEqual(['#ff0000', '#ff0000']);
    expect(merchant.problems).toEqual([]);
  });

  it('writes a hash the browser enforces: a changed regulars.js does not run', async () => {
    const merchant = await person();
    await merchant.open('/demo/configurator.html', { waitForReady: false });
    await merchant.page.getByText(/^Ready: Regulars/).waitFor();
    const head = await merchant.page.locator('#snippet-head').inputValue();

    const shop = await person();
    await serveBundleFolder(shop, true);
    await servePastedPage(shop, '/test/tampered.html', head, '');
    await shop.open('/test/tampered.html', { waitForReady: false });
    await shop.page.waitForLoadState('load');
    expect(await shop.page.evaluate(() => 'regulars' in window)).toBe(false);
    expect(shop.problems.join('\n')).toMatch(/integrity/i);
  });
});
