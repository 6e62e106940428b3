import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RegularsEvent, ViewedProduct } from '../types';
import type { HostServices } from '../widgets/host/index';
import { resolveCoreConfig } from './config';
import { createEmitter } from './emitter';
import { createRuntime, type Runtime } from './runtime';
import { createStorage } from './storage';

let received: RegularsEvent[];
let bodies: { events: RegularsEvent[]; identity?: unknown }[];
let runtime: Runtime | null;

function start(config: Record<string, unknown> = {}): Runtime {
  runtime = createRuntime(resolveCoreConfig({ endpoint: 'https://shop.example/regulars', widgets: [], ...config }, location.href), createEmitter());
  return runtime;
}

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((database) => database.name ?? '');
}

/** Product markup in the head; with a null `sku` the product has no id of its own and takes the page URL's. */
function productPage(name = 'Linen Overshirt', sku: string | null = 'RG-1001'): HTMLScriptElement {
  const block = document.createElement('script');
  block.type = 'application/ld+json';
  block.textContent = JSON.stringify({
    '@context': 'https://schema.org', '@type': 'Product', name, sku: sku ?? undefined, image: '/img/linen.svg',
    offers: { '@type': 'Offer', price: '89.00', priceCurrency: 'EUR', availability: 'https://schema.org/InStock' },
  });
  document.head.append(block);
  return block;
}

/** A single-page storefront's navigation: the URL changes first, the new page's markup 100 ms later. */
async function navigate(path: string, render: () => void): Promise<void> {
  history.pushState({}, '', path);
  await new Promise((resolve) => setTimeout(resolve, 100));
  render();
}

/** The product_viewed events received, as product id and the path of the page they were recorded on. */
function productViews(): [string, string][] {
  return received.filter((event) => event.type === 'product_viewed').map((event) => [event.product!.id, new URL(event.page.url).pathname]);
}

describe('runtime', () => {
  beforeEach(() => {
    received = [];
    bodies = [];
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { events: RegularsEvent[]; identity?: unknown };
      bodies.push(body);
      received.push(...body.events);
      return new Response(null, { status: 204 });
    }));
  });
  afterEach(async () => {
    runtime?.destroy();
    runtime = null;
    document.head.querySelectorAll('script').forEach((script) => script.remove());
    vi.unstubAllGlobals();
    await createStorage({ channelName: 'runtime-cleanup' }).wipe();
  });

  it('under consent "required" writes nothing and sends nothing until consent, then tracks the page', async () => {
    const r = start({ consent: 'required' });
    r.track('wishlist_added', { sku: 'A-1' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(fetch).not.toHaveBeenCalled();
    expect(await databaseNames()).not.toContain('regulars');
    r.consent({ analytics: true });
    await vi.waitFor(() => expect(received.map((event) => event.type).sort()).toEqual(['page_viewed', 'wishlist_added']), { timeout: 3000 });
    expect(await databaseNames()).toContain('regulars');
    expect(received[0].shopper).toMatch(/^[0-9a-f-]{36}$/);
    expect(received.every((event) => event.shopper === received[0].shopper)).toBe(true);
  });

  it('destroyed while it is still opening storage, starts no watcher and sends nothing', async () => {
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    start().destroy();
    productPage();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(observe).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
    observe.mockRestore();
  });

  it('tracks a product page: the event carries the product and the history records it', async () => {
    productPage();
    start();
    await vi.waitFor(() => expect(received.map((event) => event.type)).toContain('product_viewed'), { timeout: 3000 });
    const event = received.find((item) => item.type === 'product_viewed')!;
    expect(event.product).toMatchObject({ id: 'RG-1001', name: 'Linen Overshirt', price: 89, currency: 'EUR', availability: 'in_stock' });
    expect(event.page.url).toBe(location.href.split('#')[0]);
    const history = await createStorage({ channelName: 'runtime-read' }).get<ViewedProduct[]>('viewed');
    expect(history?.map((item) => item.id)).toEqual(['RG-1001']);
  });

  it('counts a page shown again from the back/forward cache like the reload it replaces, its product too', async () => {
    productPage();
    start();
    await vi.waitFor(() => expect(received.map((event) => event.type)).toContain('product_viewed'), { timeout: 3000 });
    // happy-dom's PageTransitionEvent drops `persisted`: the event carries it as its own property instead.
    dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    await vi.waitFor(() => expect(received.filter((event) => event.type === 'product_viewed')).toHaveLength(2), { timeout: 3000 });
    expect(received.filter((event) => event.type === 'page_viewed')).toHaveLength(2);
    // A plain pageshow (a first load) counts nothing more.
    dispatchEvent(Object.assign(new Event('pageshow'), { persisted: false }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.filter((event) => event.type === 'page_viewed')).toHaveLength(2);
  });

  it('counts an explicit product_viewed call once even when the page also carries the product', async () => {
    productPage();
    const r = start();
    r.track('product_viewed', { id: 'RG-1001', name: 'Linen Overshirt', price: 89, currency: 'EUR' });
    await vi.waitFor(() => expect(received.some((event) => event.type === 'product_viewed')).toBe(true), { timeout: 3000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.filter((event) => event.type === 'product_viewed')).toHaveLength(1);
  });

  it('follows single-page navigation without polling', async () => {
    start();
    await vi.waitFor(() => expect(received.filter((event) => event.type === 'page_viewed')).toHaveLength(1), { timeout: 3000 });
    history.pushState({}, '', '/collections/shirts');
    await vi.waitFor(() => expect(received.filter((event) => event.type === 'page_viewed')).toHaveLength(2), { timeout: 3000 });
    const second = received.filter((event) => event.type === 'page_viewed')[1];
    expect(second.page.url).toMatch(/\/collections\/shirts$/);
    history.pushState({}, '', '/collections/shirts#reviews');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(received.filter((event) => event.type === 'page_viewed')).toHaveLength(2);
  });

  it('after a single-page navigation, does not take the last page\'s lingering product for the new page\'s', async () => {
    const start_ = location.pathname;
    try {
      let markup = productPage();
      start();
      await vi.waitFor(() => expect(productViews()).toEqual([['RG-1001', start_]]), { timeout: 3000 });

      // Product page to a listing: the product's markup stays until the listing renders.
      await navigate('/collections/shirts', () => markup.remove());
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The listing's watcher keeps going: a product page reached from it is seen when it renders.
      await navigate('/spa/p1', () => (markup = productPage('SPA One', 'SPA-1')));
      await vi.waitFor(() => expect(productViews()).toContainEqual(['SPA-1', '/spa/p1']), { timeout: 3000 });

      // Product page to product page: the new product replaces the old one only when it renders.
      await navigate('/spa/p2', () => {
        markup.remove();
        productPage('SPA Two', 'SPA-2');
      });
      await vi.waitFor(() => expect(productViews()).toContainEqual(['SPA-2', '/spa/p2']), { timeout: 3000 });
      expect(productViews()).toEqual([['RG-1001', start_], ['SPA-1', '/spa/p1'], ['SPA-2', '/spa/p2']]);
    } finally {
      history.replaceState({}, '', start_);
    }
  });

  it('recognises the last page\'s lingering product when its id came from the page URL', async () => {
    const start_ = location.pathname;
    const href = (path: string) => new URL(path, location.href).href;
    try {
      // No sku, @id or url: each product's id is the URL of the page it was read on.
      let markup = productPage('Linen Overshirt', null);
      start();
      await vi.waitFor(() => expect(productViews()).toEqual([[href(start_), start_]]), { timeout: 3000 });

      await navigate('/spa/all', () => markup.remove());
      await new Promise((resolve) => setTimeout(resolve, 300));
      await navigate('/spa/p1', () => (markup = productPage('SPA One', null)));
      await vi.waitFor(() => expect(productViews()).toContainEqual([href('/spa/p1'), '/spa/p1']), { timeout: 3000 });

      await navigate('/spa/p2', () => {
        markup.remove();
        productPage('SPA Two', null);
      });
      await vi.waitFor(() => expect(productViews()).toContainEqual([href('/spa/p2'), '/spa/p2']), { timeout: 3000 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(productViews()).toEqual([[href(start_), start_], [href('/spa/p1'), '/spa/p1'], [href('/spa/p2'), '/spa/p2']]);
    } finally {
      history.replaceState({}, '', start_);
    }
  });

  it('keeps the product through a variant or sub-route of it, without a second view, and knows it lingers after the next navigation', async () => {
    const start_ = location.pathname;
    try {
      const markup = productPage();
      start();
      await vi.waitFor(() => expect(productViews()).toEqual([['RG-1001', start_]]), { timeout: 3000 });

      // The same product: a variant chosen (replaceState), then one of its tabs with a route of its own.
      history.replaceState({}, '', `${start_}?variant=red`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      history.pushState({}, '', `${start_}/reviews`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      document.body.append(document.createElement('section'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received.filter((event) => event.type === 'page_viewed')).toHaveLength(3);
      expect(productViews()).toEqual([['RG-1001', start_]]);

      // Still this page's product, so its markup lingering on the next page is not that page's.
      await navigate('/spa/p2', () => {
        markup.remove();
        productPage('SPA Two', 'SPA-2');
      });
      await vi.waitFor(() => expect(productViews()).toContainEqual(['SPA-2', '/spa/p2']), { timeout: 3000 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(productViews()).toEqual([['RG-1001', start_], ['SPA-2', '/spa/p2']]);
    } finally {
      document.body.querySelectorAll('section').forEach((section) => section.remove());
      history.replaceState({}, '', start_);
    }
  });

  it('tells the widgets the product is still the page\'s after a variant is chosen, and none once a listing renders', async () => {
    const start_ = location.pathname;
    let services: HostServices | undefined;
    const refresh = vi.fn();
    vi.doMock('../widgets/host/index', () => ({
      startWidgetHost: (given: HostServices) => {
        services = given;
        return { config: {}, open() {}, close() {}, refresh, identified() {}, destroy() {} };
      },
    }));
    try {
      const markup = productPage();
      const r = start();
      await vi.waitFor(() => expect(productViews()).toEqual([['RG-1001', start_]]), { timeout: 3000 });
      r.open('chat');
      await vi.waitFor(() => expect(services).toBeDefined(), { timeout: 3000 });

      history.replaceState({}, '', `${start_}?variant=red`);
      await vi.waitFor(() => expect(received.filter((event) => event.type === 'page_viewed')).toHaveLength(2), { timeout: 3000 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(services!.pageProduct()?.id).toBe('RG-1001');
      expect(refresh).toHaveBeenCalled();

      await navigate('/spa/all', () => markup.remove());
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(services!.pageProduct()).toBeNull();
      expect(productViews()).toEqual([['RG-1001', start_]]);
    } finally {
      vi.doUnmock('../widgets/host/index');
      history.replaceState({}, '', start_);
    }
  });

  it('views the last product again when the shopper returns to it from a listing its markup lingered on', async () => {
    const start_ = location.pathname;
    try {
      const markup = productPage();
      start();
      await vi.waitFor(() => expect(productViews()).toEqual([['RG-1001', start_]]), { timeout: 3000 });
      await navigate('/spa/all', () => markup.remove());
      await new Promise((resolve) => setTimeout(resolve, 300));
      await navigate('/spa/linen', () => productPage());
      await vi.waitFor(() => expect(productViews()).toEqual([['RG-1001', start_], ['RG-1001', '/spa/linen']]), { timeout: 3000 });
    } finally {
      history.replaceState({}, '', start_);
    }
  });

  it('sends nothing when the browser sends Global Privacy Control', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { configurable: true, value: true });
    try {
      start();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(fetch).not.toHaveBeenCalled();
    } finally {
      delete (navigator as unknown as Record<string, unknown>).globalPrivacyControl;
    }
  });

  it('sends the identified customer with its hash beside the batch, and stops after identify(null)', async () => {
    const r = start();
    await vi.waitFor(() => expect(received.map((event) => event.type)).toContain('page_viewed'), { timeout: 3000 });
    r.identify({ customer: 'c-7', identityHash: 'ab12' });
    r.track('wishlist_added');
    await vi.waitFor(() => expect(received.map((event) => event.type)).toContain('wishlist_added'), { timeout: 3000 });
    const identified = bodies.find((body) => body.events.some((event) => event.type === 'wishlist_added'))!;
    expect(identified.identity).toEqual({ customer: 'c-7', identityHash: 'ab12' });
    expect(identified.events.find((event) => event.type === 'wishlist_added')).toMatchObject({ customer: 'c-7' });
    expect(identified.events.some((event) => 'identityHash' in event)).toBe(false);

    r.identify(null);
    r.track('wishlist_removed');
    await vi.waitFor(() => expect(received.map((event) => event.type)).toContain('wishlist_removed'), { timeout: 3000 });
    const anonymous = bodies.find((body) => body.events.some((event) => event.type === 'wishlist_removed'))!;
    expect(anonymous.identity).toBeUndefined();
    expect(anonymous.events[0]!.customer).toBeUndefined();
  });

  it('applies a login or logout asked for before it started to that page\'s own page view', async () => {
    const storage = createStorage();
    await storage.set('identity', { customer: 'c-7', identityHash: 'ab12' });
    storage.close();
    const r = start();
    r.identify(null);
    await vi.waitFor(() => expect(received.map((event) => event.type)).toContain('page_viewed'), { timeout: 3000 });
    expect(received.find((event) => event.type === 'page_viewed')!.customer).toBeUndefined();
    expect(bodies.every((body) => body.identity === undefined)).toBe(true);
    r.destroy();

    received.length = bodies.length = 0;
    const next = start();
    next.identify({ customer: 'c-9', identityHash: 'cd34' });
    await vi.waitFor(() => expect(received.map((event) => event.type)).toContain('page_viewed'), { timeout: 3000 });
    expect(received.find((event) => event.type === 'page_viewed')).toMatchObject({ customer: 'c-9' });
  });

  it('reports a waiting call whose arguments throw, then runs the calls after it and gets ready', async () => {
    const warnings: string[] = [];
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation((message: string) => void warnings.push(message));
    try {
      const emitter = createEmitter();
      const ready = new Promise((resolve) => emitter.on('ready', resolve));
      runtime = createRuntime(resolveCoreConfig({ endpoint: 'https://shop.example/regulars', widgets: [] }, location.href), emitter);
      runtime.identify({
        customer: 'c-1',
        get identityHash(): string {
          throw new Error('getter failed');
        },
      });
      runtime.track('wishlist_added');
      await expect(ready).resolves.toEqual({ widgets: [] });
      await vi.waitFor(() => expect(received.map((event) => event.type)).toContain('wishlist_added'), { timeout: 3000 });
      expect(received.every((event) => event.customer === undefined)).toBe(true);
      await vi.waitFor(() => expect(warnings).toEqual([expect.stringMatching(/^\[regulars\] identify: failed \(Error: getter failed\)/)]));
    } finally {
      consoleWarn.mockRestore();
    }
  });

  it('forget wipes every local key', async () => {
    productPage();
    const r = start();
    await vi.waitFor(() => expect(received.some((event) => event.type === 'product_viewed')).toBe(true), { timeout: 3000 });
    const reader = createStorage({ channelName: 'runtime-forget' });
    expect(await reader.get('shopper')).toBeTruthy();
    await r.forget();
    for (const key of ['shopper', 'viewed', 'visit', 'outbox']) expect(await reader.get(key)).toBeUndefined();
  });

  it('grants consent for an object without analytics, as documented', async () => {
    const r = start({ consent: 'required' });
    r.consent({});
    await vi.waitFor(() => expect(received.map((event) => event.type)).toContain('page_viewed'), { timeout: 3000 });
  });

  it('leaves nothing on the device when consent is withdrawn right after it was granted', async () => {
    const r = start({ consent: 'required' });
    r.consent(true);
    setTimeout(() => r.consent(false), 0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const reader = createStorage({ channelName: 'runtime-withdraw-early' });
    for (const key of ['shopper', 'identity', 'visit', 'viewed', 'outbox']) expect(await reader.get(key)).toBeUndefined();
  });

  it('withdrawn consent stops tracking and wipes local data', async () => {
    const r = start();
    await vi.waitFor(() => expect(received.length).toBeGreaterThan(0), { timeout: 3000 });
    r.consent(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await createStorage({ channelName: 'runtime-withdraw' }).get('shopper')).toBeUndefined();
  });
});

describe('runtime privacy edges', () => {
  afterEach(() => {
    runtime?.destroy();
    runtime = null;
    vi.unstubAllGlobals();
  });

  it('keeps no events at all in local-only mode (no endpoint)', async () => {
    runtime = createRuntime(resolveCoreConfig({ widgets: [] }, location.href), createEmitter());
    runtime.track('wishlist_added', { sku: 'A-1' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await createStorage({ channelName: 'runtime-local' }).get('outbox')).toBeUndefined();
  });
});
