/**
 * The ESM entry (dist/esm/index.js) in real Chromium, as a developer's bundle would load it: the
 * import installs the same command function, `init` starts Regulars, and the widgets' lazy chunks
 * load from beside the entry.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, newShopper } from './harness';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the ESM entry', () => {
  it('installs window.regulars on import and starts the chat from regulars("init")', async () => {
    const shopper = await newShopper(browser);
    await shopper.page.route(`${baseUrl}/test/esm.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><head><title>Shop</title></head><body><main>Shop</main></body></html>' }),
    );
    await shopper.page.goto(`${baseUrl}/test/esm.html`);
    // As source text: Vitest would rewrite an import() written in this file into its own loader.
    await shopper.page.evaluate(`import('/dist/esm/index.js').then((entry) => { window.__esmRegulars = entry.regulars; })`);
    const started = await shopper.page.evaluate(async () => {
      const regulars = (window as unknown as { __esmRegulars: NonNullable<Window['regulars']> }).__esmRegulars;
      const ready = new Promise((resolve) => addEventListener('regulars:ready', (event) => resolve((event as CustomEvent).detail), { once: true }));
      regulars('init', { endpoint: '/regulars', widgets: ['chat'] });
      return { global: window.regulars === regulars, version: regulars.version, ready: await ready };
    });
    expect(started).toEqual({ global: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/), ready: { widgets: ['chat'] } });

    await shopper.page.locator('regulars-chat').getByRole('button', { name: /^Chat with us/ }).click();
    await shopper.page.getByRole('dialog', { name: 'Chat with us' }).waitFor();
    const chunks = await shopper.page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname).filter((path) => path.includes('/chunks/')));
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((path) => path.startsWith('/dist/esm/chunks/'))).toBe(true);
    expect(shopper.problems).toEqual([]);
    await shopper.close();
  });
});
