import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, newShopper, receivedEvents, useDemoBrowser, waitForEvents } from './harness';

const demo = useDemoBrowser();

const PRODUCT_JSON_LD = JSON.stringify({
  '@context': 'https://schema.org', '@type': 'Product', name: 'Field Jacket', sku: 'FJ-1',
  offers: { '@type': 'Offer', price: '120.00', priceCurrency: 'EUR', availability: 'https://schema.org/InStock' },
});

/** Serves `html` at a path of the demo origin, so the page shares the bundle and the endpoint. */
async function servePage(page: Page, path: string, html: string, headers: Record<string, string> = {}): Promise<void> {
  await page.route(baseUrl + path, (route) => route.fulfill({ status: 200, contentType: 'text/html', headers, body: html }));
}

const SNIPPET = '<script async src="/dist/regulars.js" data-endpoint="/regulars" data-widgets="recently-viewed,chat"></script>';

describe('installing the snippet', () => {
  it('replays calls an inline stub queued before the script arrived, in order', async () => {
    const shopper = await newShopper(demo.browser);
    await servePage(shopper.page, '/test/stub.html', `<!doctype html><html lang="en"><head><title>Stub</title>
      <script>window.regulars=window.regulars||function(){(regulars.q=regulars.q||[]).push(arguments)};
      regulars('on','ready',function(){document.title='ready'});
      regulars('track','newsletter_viewed',{placement:'footer'});
      regulars('identify',{customer:'c-42'});
      regulars('track','wishlist_added',{sku:'FJ-1'});</script>
      ${SNIPPET}</head><body><h1>Stub first</h1></body></html>`);
    await shopper.open('/test/stub.html');
    await shopper.page.waitForFunction(() => document.title === 'ready');
    const events = await waitForEvents((received) => received.some((event) => event.type === 'wishlist_added'));
    const custom = events.filter((event) => event.type === 'newsletter_viewed' || event.type === 'wishlist_added');
    expect(custom.map((event) => event.type)).toEqual(['newsletter_viewed', 'wishlist_added']);
    expect(custom[0].data).toEqual({ placement: 'footer' });
    expect(custom[0].customer).toBeUndefined();
    expect(custom[1].customer).toBe('c-42');
    await shopper.close();
  });

  it('keeps exactly one instance when the snippet is pasted twice', async () => {
    const shopper = await newShopper(demo.browser);
    await servePage(shopper.page, '/test/twice.html', `<!doctype html><html lang="en"><head><title>Twice</title>${SNIPPET}${SNIPPET}
      <script type="application/ld+json">${PRODUCT_JSON_LD}</script></head><body><h1>Pasted twice</h1></body></html>`);
    await shopper.open('/test/twice.html');
    await shopper.page.evaluate(async () => {
      // Loaded once more after load, as a tag manager might.
      const again = document.createElement('script');
      again.src = '/dist/regulars.js';
      again.dataset.endpoint = '/regulars';
      document.head.append(again);
      await new Promise((resolve) => (again.onload = resolve));
    });
    await waitForEvents((received) => received.some((event) => event.type === 'product_viewed'));
    await shopper.page.waitForTimeout(1500);
    const events = await receivedEvents();
    expect(events.filter((event) => event.type === 'page_viewed')).toHaveLength(1);
    expect(events.filter((event) => event.type === 'product_viewed')).toHaveLength(1);
    expect(await shopper.page.locator('regulars-chat').count()).toBe(1);
    expect(shopper.warnings).toEqual([]);
    expect(shopper.problems).toEqual([]);
    await shopper.close();
  });

  it('works under a strict Content Security Policy with no violation', async () => {
    const shopper = await newShopper(demo.browser);
    const response = await shopper.page.goto(baseUrl + '/demo/products/linen-overshirt.html');
    const csp = response!.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    await shopper.page.waitForSelector('regulars-chat', { state: 'attached' });
    await waitForEvents((received) => received.some((event) => event.type === 'product_viewed'));
    expect(shopper.problems).toEqual([]);
    await shopper.close();
  });

  it('survives AMD define, old-library prototype additions and hostile global CSS', async () => {
    const shopper = await newShopper(demo.browser);
    await servePage(shopper.page, '/test/hostile.html', `<!doctype html><html lang="en"><head><title>Hostile</title>
      <script>window.define=function(){throw new Error('AMD define called')};window.define.amd={};
      Array.prototype.toJSON=function(){return 'polluted'};Array.prototype.each=function(){};
      Function.prototype.bindAsEventListener=function(){};String.prototype.camelize=function(){};</script>
      <style>*{display:block!important;position:static!important;font-size:40px!important;color:red!important}
      button{display:none!important} body{transform:translateZ(0)}</style>
      ${SNIPPET}<script type="application/ld+json">${PRODUCT_JSON_LD}</script></head>
      <body><h1>Hostile page</h1></body></html>`);
    await shopper.open('/test/hostile.html');
    const events = await waitForEvents((received) => received.some((event) => event.type === 'product_viewed'));
    const viewed = events.find((event) => event.type === 'product_viewed')!;
    expect(viewed.product).toMatchObject({ name: 'Field Jacket', price: 120, currency: 'EUR' });
    // The launcher's button lives in a shadow root: the page's `button { display: none }` cannot hide it.
    const launcher = shopper.page.locator('regulars-chat').getByRole('button').first();
    await launcher.waitFor({ state: 'visible' });
    const box = await launcher.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(shopper.warnings).toEqual([]);
    expect(shopper.problems).toEqual([]);
    await shopper.close();
  });

  it('keeps tracking but shows no widget, with one clear warning, when Object.prototype is polluted', async () => {
    const shopper = await newShopper(demo.browser);
    await servePage(shopper.page, '/test/polluted.html', `<!doctype html><html lang="en"><head><title>Polluted</title>
      <script>Object.prototype.polluted='yes';</script>
      ${SNIPPET}<script type="application/ld+json">${PRODUCT_JSON_LD}</script></head>
      <body><h1>Polluted page</h1></body></html>`);
    await shopper.open('/test/polluted.html');
    const events = await waitForEvents((received) => received.some((event) => event.type === 'product_viewed'));
    expect(events.find((event) => event.type === 'product_viewed')!.product).toMatchObject({ name: 'Field Jacket', price: 120 });
    await shopper.page.waitForTimeout(500);
    expect(await shopper.page.locator('[data-regulars-widget]').count()).toBe(0);
    expect(shopper.warnings).toEqual([expect.stringMatching(/^\[regulars\] Object\.prototype: another script added enumerable properties \(polluted\)/)]);
    expect(shopper.problems).toEqual([]);
    await shopper.close();
  });
});
