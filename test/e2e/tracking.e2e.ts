import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../demo/catalog';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import { baseUrl, newShopper, type ReceivedEvent, receivedRequests, storedEvents, storedValue, useDemoBrowser, waitForEvents } from './harness';

const demo = useDemoBrowser();

describe('product views reach the endpoint from every demo markup style', () => {
  it.each(DEMO_PRODUCTS.map((product) => [product.markup, product] as const))('%s', async (_markup, product) => {
    const shopper = await newShopper(demo.browser);
    await shopper.open(product.path);
    // Only this shopper's events: a shopper closed by the previous test may still deliver its last ones.
    const mine = (received: ReceivedEvent[]) =>
      received.filter((event) => event.type === 'product_viewed' && event.page.url === baseUrl + product.path);
    const viewed = mine(await waitForEvents((received) => mine(received).length > 0));
    expect(viewed).toHaveLength(1);
    expect([product.id, product.sku]).toContain(viewed[0].product!.id);
    expect(viewed[0].product).toMatchObject({
      name: product.name,
      url: baseUrl + product.path,
      image: baseUrl + product.image,
      price: product.price,
      currency: product.currency,
      availability: product.stock > 0 ? 'in_stock' : 'out_of_stock',
    });
    expect(viewed[0].page.url).toBe(baseUrl + product.path);
    expect(viewed[0].shopper).toMatch(/^[0-9a-f-]{36}$/);
    expect(shopper.problems).toEqual([]);
    await shopper.close();
  });
});

describe('pages that are not product pages', () => {
  it('counts the home and category pages as page views only', async () => {
    const shopper = await newShopper(demo.browser);
    await shopper.open('/');
    await shopper.open('/demo/category.html');
    // Only this shopper's events: a shopper closed by the previous test may still deliver its last ones.
    const id = await storedValue<string>(shopper.page, 'shopper');
    const mine = (received: ReceivedEvent[]) => received.filter((event) => event.shopper === id);
    // At least two, then exactly these two: an extra view would fail on the URLs, which say where it came from.
    const events = mine(await waitForEvents((received) => mine(received).filter((event) => event.type === 'page_viewed').length >= 2));
    expect(events.filter((event) => event.type === 'page_viewed').map((event) => event.page.url)).toEqual([`${baseUrl}/`, `${baseUrl}/demo/category.html`]);
    expect(events.filter((event) => event.type === 'product_viewed')).toEqual([]);
    expect(shopper.problems).toEqual([]);
    await shopper.close();
  });
});

describe('a customer the shop vouches for', () => {
  /** What the shop's server renders into the page for a logged-in customer (the demo computes it with its secret). */
  async function identityFor(customer: string): Promise<{ customer: string; identityHash: string }> {
    return (await (await fetch(`${baseUrl}/demo-api/identity?customer=${encodeURIComponent(customer)}`)).json()) as { customer: string; identityHash: string };
  }

  /** Opens a page as `identity`, tracks one event, and returns that event as the endpoint kept it. */
  async function trackAs(identity: { customer: string; identityHash: string }): Promise<ReceivedEvent> {
    const shopper = await newShopper(demo.browser);
    await shopper.open('/demo/category.html');
    await shopper.page.evaluate((args) => {
      window.regulars!('identify', args);
      window.regulars!('track', 'wishlist_added', { sku: 'RG-1001' });
    }, identity);
    const id = await storedValue<string>(shopper.page, 'shopper');
    const mine = async () => (await storedEvents()).find((event) => event.shopper === id && event.type === 'wishlist_added');
    await expect.poll(mine, { timeout: 10_000 }).toBeDefined();
    expect(shopper.problems).toEqual([]);
    await shopper.close();
    return (await mine())!;
  }

  it('keeps the events of a customer with a valid identityHash as verified', async () => {
    const event = await trackAs(await identityFor('customer-e2e-7'));
    expect(event).toMatchObject({ customer: 'customer-e2e-7', customerVerified: true });
    // The hash travelled beside the batch, never inside an event.
    const batch = (await receivedRequests()).find((request) => request.path === '/events' && JSON.stringify(request.body).includes(event.id))!;
    expect(batch.body).toMatchObject({ identity: { customer: 'customer-e2e-7' } });
    expect((batch.body as { events: Record<string, unknown>[] }).events.every((item) => !('identityHash' in item))).toBe(true);
  });

  it('keeps the events of a customer with a forged identityHash, unverified', async () => {
    const forged = { customer: 'customer-e2e-7', identityHash: (await identityFor('customer-e2e-8')).identityHash };
    const event = await trackAs(forged);
    expect(event).toMatchObject({ customer: 'customer-e2e-7', customerVerified: false });
  });
});

describe('the back/forward cache', () => {
  it('keeps a store page with the bundle, so Back shows it at once instead of loading it again, and counts it', async () => {
    // Playwright turns the cache off by default; a shopper's browser has it on.
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--disable-back-forward-cache'] });
    try {
      const page = await (await browser.newContext()).newPage();
      await page.addInitScript(() => addEventListener('pageshow', (event) => ((window as { restored?: boolean }).restored = event.persisted)));
      const [first, second] = DEMO_PRODUCTS.map((product) => product.path) as [string, string];
      await page.goto(baseUrl + first);
      await page.waitForFunction(() => !!document.querySelector('regulars-chat'));
      // The next page writes to storage at once: before, its broadcast reached the cached page and got it evicted.
      await page.goto(baseUrl + second);
      await page.waitForFunction(() => !!document.querySelector('regulars-chat'));
      await page.goBack({ waitUntil: 'commit' });
      await expect.poll(() => page.evaluate(() => (window as { restored?: boolean }).restored)).toBe(true);
      // Counted like the reload it replaces: the first page's second view reaches the endpoint.
      const views = (received: ReceivedEvent[]) => received.filter((event) => event.type === 'page_viewed' && event.page.url === baseUrl + first);
      const shopper = views(await waitForEvents((received) => views(received).length > 0))[0]!.shopper;
      await waitForEvents((received) => views(received).filter((event) => event.shopper === shopper).length === 2);
    } finally {
      await browser.close();
    }
  });
});
