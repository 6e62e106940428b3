import { describe, expect, it } from 'vitest';
import { baseUrl, newShopper, receivedEvents, receivedRequests, storedKeys, useDemoBrowser, waitForEvents, type ReceivedEvent } from './harness';

const demo = useDemoBrowser();

const PAGE = (attributes: string) => `<!doctype html><html lang="en"><head><title>Consent</title>
  <script async src="/dist/regulars.js" data-endpoint="/regulars" data-widgets="chat" ${attributes}></script>
  <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Field Jacket","offers":{"price":"120","priceCurrency":"EUR"}}</script>
  </head><body><h1>Consent</h1></body></html>`;

describe('consent and privacy', () => {
  it('with consent "required": no storage, no request, no widget until consent; then everything starts', async () => {
    const shopper = await newShopper(demo.browser);
    await shopper.page.route(`${baseUrl}/test/consent.html`, (route) => route.fulfill({ contentType: 'text/html', body: PAGE('data-consent="required"') }));
    await shopper.open('/test/consent.html', { waitForReady: false });
    await shopper.page.waitForFunction(() => typeof window.regulars === 'function');
    await shopper.page.waitForTimeout(1500);
    expect(await receivedRequests()).toEqual([]);
    expect(await shopper.page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name))).not.toContain('regulars');
    expect(await shopper.page.locator('[data-regulars-widget]').count()).toBe(0);

    await shopper.page.evaluate(() => window.regulars!('consent', { analytics: true }));
    const events = await waitForEvents((received) => received.some((event) => event.type === 'product_viewed'));
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['page_viewed', 'product_viewed']));
    await shopper.page.waitForSelector('regulars-chat', { state: 'attached' });
    expect(await shopper.page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name))).toContain('regulars');
    await shopper.close();
  });

  it('forget wipes everything the bundle kept on the device', async () => {
    const shopper = await newShopper(demo.browser);
    await shopper.open('/demo/products/linen-overshirt.html');
    await waitForEvents((received) => received.some((event) => event.type === 'product_viewed'));
    const keys = () => storedKeys(shopper.page);
    expect(await keys()).toEqual(expect.arrayContaining(['shopper', 'viewed', 'visit']));
    await shopper.page.evaluate(() => window.regulars!('forget'));
    await expect.poll(keys).toEqual([]);
    expect(await shopper.page.locator('[data-regulars-widget]').count()).toBe(0);
    await shopper.close();
  });

  it('follows single-page navigation: a pushState to another product counts a new page and product view', async () => {
    const shopper = await newShopper(demo.browser);
    await shopper.page.route(`${baseUrl}/test/spa/**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><title>SPA</title>
          <script async src="/dist/regulars.js" data-endpoint="/regulars" data-widgets=""></script></head>
          <body><h1>Storefront</h1></body></html>`,
      }),
    );
    await shopper.open('/test/spa/home');
    await shopper.page.evaluate(() => {
      // What a headless storefront's router does: render the product, then push the URL.
      const block = document.createElement('script');
      block.type = 'application/ld+json';
      block.textContent = JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name: 'Trail Socks', sku: 'TS-9', offers: { price: '18', priceCurrency: 'EUR' } });
      document.head.append(block);
      history.pushState({}, '', '/test/spa/products/trail-socks');
    });
    const events = await waitForEvents((received) => received.some((event) => event.type === 'product_viewed'));
    const pages = events.filter((event) => event.type === 'page_viewed').map((event) => event.page.url);
    expect(pages).toEqual([`${baseUrl}/test/spa/home`, `${baseUrl}/test/spa/products/trail-socks`]);
    const viewed = events.find((event) => event.type === 'product_viewed')!;
    expect(viewed.product).toMatchObject({ name: 'Trail Socks', price: 18, currency: 'EUR' });
    expect(viewed.page.url).toBe(`${baseUrl}/test/spa/products/trail-socks`);
    expect(viewed.page.referrer).toBe(`${baseUrl}/test/spa/home`);
    await shopper.close();
  });

  /**
   * A router that pushes the URL first and renders the next page 100 ms later: a product page, a listing, then
   * another product. `withSku` false leaves the markup without sku, @id or url, so a product's id is its page URL.
   * Answers the product views the endpoint received for these pages: [id, name, page URL].
   */
  async function pushThenRender(prefix: string, withSku: boolean): Promise<string[][]> {
    const shopper = await newShopper(demo.browser);
    const markup = (name: string, sku: string) => ({ '@context': 'https://schema.org', '@type': 'Product', name, ...(withSku ? { sku } : {}), offers: { price: '18', priceCurrency: 'EUR' } });
    await shopper.page.route(`${baseUrl}${prefix}/**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><title>SPA</title>
          <script type="application/ld+json">${JSON.stringify(markup('Trail Socks', 'TS-9'))}</script>
          <script async src="/dist/regulars.js" data-endpoint="/regulars" data-widgets=""></script></head>
          <body><h1>Trail Socks</h1></body></html>`,
      }),
    );
    await shopper.open(`${prefix}/products/trail-socks`);
    // Only these pages: other tests of this file send events too.
    const ours = (received: ReceivedEvent[]) => received.filter((event) => event.page.url.startsWith(`${baseUrl}${prefix}/`));
    const productViews = (received: ReceivedEvent[]) => ours(received).filter((event) => event.type === 'product_viewed');
    await waitForEvents((received) => productViews(received).length === 1);
    const navigate = (path: string, next: object | null) =>
      shopper.page.evaluate(
        ([path, next]) => {
          history.pushState({}, '', path);
          setTimeout(() => {
            document.querySelector('script[type="application/ld+json"]')?.remove();
            document.querySelector('h1')!.textContent = next ? (next as { name: string }).name : 'All products';
            if (!next) return;
            const block = document.createElement('script');
            block.type = 'application/ld+json';
            block.textContent = JSON.stringify(next);
            document.head.append(block);
          }, 100);
        },
        [path, next] as const,
      );
    await navigate(`${prefix}/all`, null);
    await waitForEvents((received) => ours(received).filter((event) => event.type === 'page_viewed').length === 2);
    await shopper.page.waitForTimeout(600);
    await navigate(`${prefix}/products/wool-beanie`, markup('Wool Beanie', 'WB-2'));
    await waitForEvents((received) => productViews(received).length >= 2);
    // Time for a wrongly credited view to arrive as well.
    await shopper.page.waitForTimeout(600);
    await shopper.close();
    return productViews(await receivedEvents()).map((event) => [event.product!.id, event.product!.name, event.page.url]);
  }

  it('credits no page with the last page\'s product when the router pushes the URL before it renders', async () => {
    expect(await pushThenRender('/test/spa-late', true)).toEqual([
      ['TS-9', 'Trail Socks', `${baseUrl}/test/spa-late/products/trail-socks`],
      ['WB-2', 'Wool Beanie', `${baseUrl}/test/spa-late/products/wool-beanie`],
    ]);
  });

  it('credits no page with the last page\'s product whose markup has no id, so its id is the page URL', async () => {
    const [socks, beanie] = [`${baseUrl}/test/spa-anon/products/trail-socks`, `${baseUrl}/test/spa-anon/products/wool-beanie`];
    expect(await pushThenRender('/test/spa-anon', false)).toEqual([
      [socks, 'Trail Socks', socks],
      [beanie, 'Wool Beanie', beanie],
    ]);
  });
});
