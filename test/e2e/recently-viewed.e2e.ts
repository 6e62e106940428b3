/**
 * The recently-viewed strip in real Chromium against the demo store and the reference endpoint:
 * order and prices across product pages, a price drop from the shop's back office, layout
 * stability, accessibility, and the click event reaching the endpoint.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS, type DemoProduct } from '../../demo/catalog';
import { axeViolations, newShopper, patchCatalog, type Shopper, storedValue, useDemoBrowser, waitForEvents } from './harness';

const byId = (id: string) => DEMO_PRODUCTS.find((product) => product.id === id)!;
const linen = byId('rg-1001');
const merino = byId('rg-1002');
const pourOver = byId('rg-1004');
const beanie = byId('rg-1005');
const socks = byId('rg-1007');

/** The strip's fixed height in CSS pixels, as styles.css documents it. */
const STRIP_HEIGHT = 352;

const demo = useDemoBrowser();
const { shoppers } = demo;

/** A shopper whose pages sum up their layout shifts (those not caused by input) in `__regularsCls`. */
async function shopper(options: BrowserContextOptions = {}): Promise<Shopper> {
  const created = await newShopper(demo.browser, options);
  await created.context.addInitScript(() => {
    const state = window as unknown as { __regularsCls: number; __regularsShifts: string[] };
    state.__regularsCls = 0;
    state.__regularsShifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] })[]) {
        if (entry.hadRecentInput) continue;
        state.__regularsCls += entry.value;
        state.__regularsShifts.push((entry.sources ?? []).map((source) => source.node?.nodeName ?? '?').join(','));
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  shoppers.push(created);
  return created;
}

/** The shopper's stored history (product id and page path), newest first, read straight from IndexedDB. */
async function storedHistory(page: Page): Promise<{ id: string; path: string }[]> {
  const history = (await storedValue<{ id: string; url: string }[]>(page, 'viewed')) ?? [];
  return history.map((item) => ({ id: item.id, path: new URL(item.url).pathname }));
}

/** Opens a product page and waits until the bundle stored the view. */
async function view(shopper: Shopper, product: DemoProduct): Promise<void> {
  await shopper.open(product.path);
  await expect.poll(async () => (await storedHistory(shopper.page))[0]?.path, { timeout: 10_000 }).toBe(product.path);
}

/**
 * Closes the modal widgets that open on a third page (the account prompt, the wheel): a modal
 * `<dialog>` makes the rest of the page, the strip included, inert. They open shortly after load,
 * so this watches for a while and presses Escape, which every Regulars dialog honours.
 */
async function closeModalWidgets(page: Page, watchMs = 2500): Promise<void> {
  const deadline = Date.now() + watchMs;
  while (Date.now() < deadline) {
    const open = await page.evaluate(() =>
      [...document.querySelectorAll('[data-regulars-widget]')].some((host) => host.shadowRoot?.querySelector('dialog[open], [aria-modal="true"]')),
    );
    if (open) await page.keyboard.press('Escape');
    await page.waitForTimeout(100);
  }
}

const strip = (page: Page) => page.locator('regulars-recently-viewed');
const cards = (page: Page) => strip(page).getByRole('listitem');

async function cardTexts(page: Page): Promise<{ name: string; price: string; cue: string }[]> {
  return cards(page).evaluateAll((items) =>
    items.map((item) => ({
      name: item.querySelector('.name')?.textContent ?? '',
      price: item.querySelector('.price')?.textContent ?? '',
      cue: item.querySelector('.cue')?.textContent ?? '',
    })),
  );
}

const stripHeight = (page: Page) => strip(page).evaluate((host) => host.getBoundingClientRect().height);
const cls = (page: Page) => page.evaluate(() => (window as unknown as { __regularsCls: number }).__regularsCls);
const shifts = (page: Page) => page.evaluate(() => (window as unknown as { __regularsShifts: string[] }).__regularsShifts);

describe('recently-viewed strip in Chromium', () => {
  it('shows C, B, A with their prices and cues on product D, without shifting the page', async () => {
    const shopperA = await shopper();
    await view(shopperA, linen);
    await view(shopperA, merino);
    await view(shopperA, pourOver);
    await shopperA.open(beanie.path);
    const { page } = shopperA;
    await expect.poll(() => cards(page).count(), { timeout: 10_000 }).toBe(3);
    expect(await stripHeight(page)).toBe(STRIP_HEIGHT);
    expect(await cardTexts(page)).toEqual([
      { name: 'Ceramic Pour-Over Set', price: '€54.90', cue: '' },
      { name: 'Merino Crew Sweater', price: '€129.00', cue: 'Only 3 left' },
      { name: 'Linen Overshirt', price: '€89.00', cue: '' },
    ]);
    expect(await strip(page).getByRole('link').evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname))).toEqual([
      pourOver.path,
      merino.path,
      linen.path,
    ]);

    // Bring the strip on screen: its lazy images load while it is visible, and nothing may move.
    await strip(page).scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const host = document.querySelector('regulars-recently-viewed');
      const images = [...(host?.shadowRoot?.querySelectorAll('img') ?? [])];
      return images.length === 3 && images.every((image) => image.complete && image.naturalWidth > 0);
    });
    expect(await stripHeight(page)).toBe(STRIP_HEIGHT);
    expect(await cls(page), `layout shifts: ${(await shifts(page)).join(' | ')}`).toBe(0);
    expect(shopperA.problems).toEqual([]);

    await waitForEvents((events) =>
      events.some((event) => event.type === 'widget_shown' && event.data?.widget === 'recently-viewed' && event.data?.products === 3),
    );
  });

  it('shifts nothing on a tall desktop screen, where its slot is in the first screen', async () => {
    const desktop = await shopper({ viewport: { width: 1920, height: 1080 } });
    await view(desktop, linen);
    await view(desktop, merino);
    await desktop.open(beanie.path);
    const { page } = desktop;
    await closeModalWidgets(page, 1000);
    await expect.poll(() => cards(page).count(), { timeout: 10_000 }).toBe(2);
    const slotTop = await page.evaluate(() => document.querySelector('[data-regulars-slot]')!.getBoundingClientRect().top);
    expect(slotTop).toBeLessThan(1080);
    expect(await cls(page), `layout shifts: ${(await shifts(page)).join(' | ')}`).toBe(0);
    expect(desktop.problems).toEqual([]);
  });

  it('holds a product viewed in another tab while the strip is on screen, then adds it, never shifting the page', async () => {
    const shopperA = await shopper();
    await view(shopperA, linen);
    await shopperA.open(beanie.path);
    const { page } = shopperA;
    await expect.poll(() => cards(page).count(), { timeout: 10_000 }).toBe(1);
    await strip(page).scrollIntoViewIfNeeded();

    const otherTab = await shopperA.context.newPage();
    await otherTab.goto(new URL(socks.path, page.url()).href);
    await expect.poll(async () => (await storedHistory(otherTab))[0]?.path, { timeout: 10_000 }).toBe(socks.path);
    await page.waitForTimeout(500);
    expect((await cardTexts(page)).map((card) => card.name)).toEqual(['Linen Overshirt']);

    // Off screen the change applies; back on screen it is there, and nothing shifted on the way.
    await page.evaluate(() => scrollTo(0, 0));
    await expect.poll(() => cards(page).count(), { timeout: 5_000 }).toBe(2);
    await strip(page).scrollIntoViewIfNeeded();
    expect(await cardTexts(page)).toEqual([
      { name: 'Trail Running Socks', price: '€18.00', cue: '' },
      { name: 'Linen Overshirt', price: '€89.00', cue: '' },
    ]);
    expect(await stripHeight(page)).toBe(STRIP_HEIGHT);
    expect(await cls(page), `layout shifts: ${(await shifts(page)).join(' | ')}`).toBe(0);
  });

  it('shows a price drop the shop made in its back office', async () => {
    const shopperA = await shopper();
    await view(shopperA, linen);
    await view(shopperA, merino);
    await patchCatalog({ id: linen.id, price: 69 });
    await shopperA.open(beanie.path);
    const { page } = shopperA;
    await expect
      .poll(() => cardTexts(page), { timeout: 10_000 })
      .toEqual([
        { name: 'Merino Crew Sweater', price: '€129.00', cue: 'Only 3 left' },
        { name: 'Linen Overshirt', price: '€69.00was €89.00', cue: 'Price dropped' },
      ]);
    expect(await strip(page).getByRole('link', { name: /Linen Overshirt/ }).getByText('Price dropped').isVisible()).toBe(true);
  });

  it('passes axe-core and reports a click through to the endpoint', async () => {
    const shopperA = await shopper();
    await view(shopperA, linen);
    await view(shopperA, merino);
    await shopperA.open(beanie.path);
    const { page } = shopperA;
    const linenId = (await storedHistory(page)).find((item) => item.path === linen.path)!.id;
    await expect.poll(() => cards(page).count(), { timeout: 10_000 }).toBe(2);
    await closeModalWidgets(page);
    await strip(page).scrollIntoViewIfNeeded();
    expect(await axeViolations(page, 'regulars-recently-viewed')).toEqual([]);

    // Keyboard: after the clear button the list itself is a tab stop (arrow keys scroll it), then its links.
    const focused = () => page.evaluate(() => {
      const active = document.querySelector('regulars-recently-viewed')?.shadowRoot?.activeElement;
      return active ? `${active.nodeName}:${active.getAttribute('aria-label') ?? active.textContent}` : null;
    });
    await strip(page).getByRole('button', { name: 'Clear history' }).focus();
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('UL:Products you viewed recently');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^A:Merino Crew Sweater/);

    await Promise.all([page.waitForURL(`**${linen.path}`), strip(page).getByRole('link', { name: /Linen Overshirt/ }).click()]);
    const events = await waitForEvents((received) => received.some((event) => event.type === 'recently_viewed_clicked'));
    const click = events.find((event) => event.type === 'recently_viewed_clicked')!;
    expect(click.data).toMatchObject({ widget: 'recently-viewed', productId: linenId, position: 2 });
    expect(click.product?.name).toBe('Linen Overshirt');
  });

  it('keeps its heading readable beside a long clear button on a narrow phone, at the same height', async () => {
    for (const locale of ['nl', 'sl']) {
      const shopperA = await shopper({ viewport: { width: 360, height: 740 } });
      await shopperA.context.route('**/*.html', async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: (await response.text()).replace('data-locale="en"', `data-locale="${locale}"`) });
      });
      await view(shopperA, linen);
      await shopperA.open(beanie.path);
      const { page } = shopperA;
      await expect.poll(() => cards(page).count(), { timeout: 10_000 }).toBe(1);
      const heading = strip(page).getByRole('heading');
      // Neither cut at the end of the line nor below its second line.
      expect(await heading.evaluate((element) => element.scrollWidth <= element.clientWidth && element.scrollHeight <= element.clientHeight)).toBe(true);
      expect(await stripHeight(page)).toBe(STRIP_HEIGHT);
      await shopperA.close();
    }
  });

  it('clears the history from the strip and keeps it cleared on the next page', async () => {
    const shopperA = await shopper();
    await view(shopperA, linen);
    await shopperA.open(beanie.path);
    const { page } = shopperA;
    await expect.poll(() => cards(page).count(), { timeout: 10_000 }).toBe(1);
    await strip(page).getByRole('button', { name: 'Clear history' }).click();
    await expect.poll(() => strip(page).getByText('Your recently viewed list was cleared.').isVisible()).toBe(true);
    // The strip collapsing right after the shopper's own click is not a layout shift (hadRecentInput).
    expect(await cls(page), `layout shifts: ${(await shifts(page)).join(' | ')}`).toBe(0);
    expect(await storedHistory(page)).toEqual([]);
    await shopperA.open(merino.path);
    await page.waitForTimeout(1000);
    expect(await page.locator('regulars-recently-viewed').count()).toBe(0);
  });
});
