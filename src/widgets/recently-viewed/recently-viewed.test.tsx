import { fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_PRODUCTS, type DemoProduct } from '../../../demo/catalog';
import { createEndpointHandler, type ProductStatus } from '../../../demo/endpoint/handler';
import { createLiveCatalog } from '../../../demo/server/live-catalog';
import { HISTORY_KEY } from '../../core/history';
import type { Product, RegularsConfig, WidgetHandle } from '../../types';
import { createTestContext, type TestContext, type TestEndpoint } from '../../../test/widget-context';
import mountRecentlyViewed from './index';

const SHOP = 'https://shop.example';
const [linen, merino, canvas, pourOver, beanie] = DEMO_PRODUCTS as [DemoProduct, DemoProduct, DemoProduct, DemoProduct, DemoProduct];

/** A product as the tracker would have read it from the demo product page. */
function seen(product: DemoProduct, overrides: Partial<Product> = {}): Product {
  return {
    id: product.id,
    name: product.name,
    url: SHOP + product.path,
    image: SHOP + product.image,
    price: product.price,
    currency: product.currency,
    sku: product.sku,
    availability: product.stock > 0 ? 'in_stock' : 'out_of_stock',
    ...overrides,
  };
}

/** The demo shop's live catalogue behind the real reference endpoint; tests patch prices and stock in it. */
function createCatalogue(answer: (statuses: ProductStatus[]) => ProductStatus[] = (statuses) => statuses) {
  const live = createLiveCatalog();
  return { live, handler: createEndpointHandler({ products: (queries) => answer(live.lookup(queries)) }) };
}

interface Strip {
  test: TestContext;
  handle: WidgetHandle;
  /** The widget's shadow root, queried like a document. */
  view: ReturnType<typeof within>;
  root: ShadowRoot;
}

const mounted: WidgetHandle[] = [];

async function mountStrip(
  options: { endpoint?: TestEndpoint | null; config?: RegularsConfig; viewed?: Product[]; current?: Product | null } = {},
): Promise<Strip> {
  const slot = document.createElement('div');
  slot.setAttribute('data-regulars-slot', 'recently-viewed');
  document.body.appendChild(slot);
  const test = await createTestContext('recently-viewed', { endpoint: options.endpoint, config: options.config, slot });
  if (options.viewed) await test.view(...options.viewed);
  test.setCurrent(options.current ?? null);
  const handle = await mountRecentlyViewed(test.context);
  mounted.push(handle);
  const root = test.context.root;
  return { test, handle, root, view: within(root as unknown as HTMLElement) };
}

/** Waits until the strip shows its list, then returns the card links in order. */
async function cardLinks(strip: Strip): Promise<HTMLAnchorElement[]> {
  const list = await waitFor(() => strip.view.getByRole('list'));
  return within(list).getAllByRole('link') as HTMLAnchorElement[];
}

function cardNames(links: HTMLAnchorElement[]): string[] {
  return links.map((link) => link.querySelector('.name')!.textContent!);
}

/**
 * happy-dom has no layout, so whether the strip is on screen is simulated with a minimal
 * IntersectionObserver that the test drives; Chromium runs the real one in the e2e test.
 */
function simulateScreen() {
  let observer: { callback: IntersectionObserverCallback; targets: Element[] } | null = null;
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      targets: Element[] = [];
      constructor(callback: IntersectionObserverCallback) {
        observer = { callback, targets: this.targets };
      }
      observe(target: Element) {
        this.targets.push(target);
      }
      disconnect() {
        this.targets.length = 0;
      }
    },
  );
  return {
    target: () => observer?.targets[0],
    /** Reports the share of the strip on screen (0 for none). */
    show(ratio: number) {
      const target = observer!.targets[0]!;
      observer!.callback([{ isIntersecting: ratio > 0, intersectionRatio: ratio, target } as unknown as IntersectionObserverEntry], {} as IntersectionObserver);
    },
  };
}

/** Lets pending storage reads, endpoint calls and renders finish. */
async function settle(): Promise<void> {
  for (let round = 0; round < 5; round += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}

beforeEach(() => {
  document.body.innerHTML = '';
});

afterEach(() => {
  for (const handle of mounted.splice(0)) handle.unmount();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('recently-viewed strip: what it lists', () => {
  it('lists the viewed products newest first, a product viewed again at the front', async () => {
    const strip = await mountStrip({ endpoint: null, viewed: [seen(linen), seen(merino), seen(canvas), seen(linen)] });
    expect(cardNames(await cardLinks(strip))).toEqual(['Linen Overshirt', 'Canvas Weekender Bag', 'Merino Crew Sweater']);
  });

  it('shows at most `max` products', async () => {
    const strip = await mountStrip({
      endpoint: null,
      config: { recentlyViewed: { max: 2 } },
      viewed: [seen(linen), seen(merino), seen(canvas), seen(pourOver)],
    });
    expect(cardNames(await cardLinks(strip))).toEqual(['Ceramic Pour-Over Set', 'Canvas Weekender Bag']);
  });

  it('shows 12 by default', async () => {
    const many = Array.from({ length: 15 }, (_, index) => seen(linen, { id: `p-${index}`, name: `Product ${index}`, url: `${SHOP}/p/${index}` }));
    const strip = await mountStrip({ endpoint: null, viewed: many });
    const names = cardNames(await cardLinks(strip));
    expect(names).toHaveLength(12);
    expect(names[0]).toBe('Product 14');
  });

  it('leaves out the product on the current page, matched by id or by URL', async () => {
    const strip = await mountStrip({
      endpoint: null,
      viewed: [seen(linen), seen(merino), seen(canvas)],
      current: seen(canvas, { id: 'another-id-for-the-same-page' }),
    });
    expect(cardNames(await cardLinks(strip))).toEqual(['Merino Crew Sweater', 'Linen Overshirt']);
  });

  it('links every card to its product and shows the price seen, formatted for the locale', async () => {
    const strip = await mountStrip({ endpoint: null, viewed: [seen(linen), seen(canvas)] });
    const [first, second] = await cardLinks(strip);
    expect(first!.href).toBe(SHOP + canvas.path);
    expect(first!.querySelector('.price')!.textContent).toBe('€149.50');
    expect(second!.querySelector('.price')!.textContent).toBe('€89.00');
    const image = first!.querySelector('img')!;
    expect(image.getAttribute('src')).toBe(SHOP + canvas.image);
    expect(image.getAttribute('loading')).toBe('lazy');
    expect(image.getAttribute('width')).toBe('144');
    expect(image.getAttribute('height')).toBe('144');
  });

  it('renders nothing at all when there is nothing to show', async () => {
    const strip = await mountStrip({ endpoint: null, viewed: [seen(linen)], current: seen(linen) });
    await settle();
    expect(strip.root.childNodes).toHaveLength(0);
    expect(strip.test.tracked).toEqual([]);
  });

  it('renders nothing for an empty history', async () => {
    const strip = await mountStrip({ endpoint: null });
    await settle();
    expect(strip.root.childNodes).toHaveLength(0);
  });

  it('adds a product viewed in another tab without a reload', async () => {
    const strip = await mountStrip({ endpoint: null, viewed: [seen(linen)] });
    await cardLinks(strip);
    await strip.test.view(seen(beanie));
    await waitFor(() => expect(cardNames(within(strip.view.getByRole('list')).getAllByRole('link') as HTMLAnchorElement[])).toEqual(['Wool Beanie', 'Linen Overshirt']));
  });
});

describe('recently-viewed strip: untrusted product data', () => {
  it('never renders a javascript: or data: link or image', async () => {
    const strip = await mountStrip({
      endpoint: null,
      viewed: [
        seen(linen),
        seen(merino, { id: 'evil', name: 'Evil link', url: 'javascript:alert(1)' }),
        seen(canvas, { image: 'javascript:alert(2)' }),
        seen(pourOver, { image: 'data:image/svg+xml,<svg onload=alert(3)>' }),
      ],
    });
    const links = await cardLinks(strip);
    expect(cardNames(links)).toEqual(['Ceramic Pour-Over Set', 'Canvas Weekender Bag', 'Linen Overshirt']);
    const markup = strip.root.innerHTML;
    expect(markup).not.toContain('javascript:');
    expect(markup).not.toContain('data:');
    expect(links[0]!.querySelector('img')).toBeNull();
    expect(links[1]!.querySelector('img')).toBeNull();
  });

  it('renders product names as text', async () => {
    const name = '<img src=x onerror="alert(1)"><b>Bold</b>';
    const strip = await mountStrip({ endpoint: null, viewed: [seen(linen, { name })] });
    const [link] = await cardLinks(strip);
    expect(link!.querySelector('.name')!.textContent).toBe(name);
    expect(link!.querySelector('.name')!.children).toHaveLength(0);
    expect(strip.root.querySelectorAll('img')).toHaveLength(1);
  });
});

describe('recently-viewed strip: fresh cues from the endpoint', () => {
  it('asks the reference endpoint once about the shown products and shows its cues', async () => {
    const catalogue = createCatalogue();
    catalogue.live.patch({ id: linen.id, price: 69 });
    catalogue.live.patch({ id: canvas.id, stock: 4 });
    const strip = await mountStrip({ endpoint: catalogue.handler, viewed: [seen(linen), seen(merino), seen(canvas), seen(beanie)] });
    const links = await cardLinks(strip);
    expect(cardNames(links)).toEqual(['Wool Beanie', 'Canvas Weekender Bag', 'Merino Crew Sweater', 'Linen Overshirt']);
    const cue = (link: HTMLAnchorElement) => link.querySelector('.cue')!.textContent;
    await waitFor(() => expect(links.map(cue)).toEqual(['', 'Back in stock', 'Only 3 left', 'Price dropped']));
    expect(links[3]!.querySelector('.price')!.textContent).toBe('€69.00was €89.00');
    expect(links[3]!.querySelector('s')!.textContent).toBe('was €89.00');

    const statusCalls = strip.test.requests.filter((request) => new URL(request.url).pathname === '/regulars/products/status');
    expect(statusCalls).toHaveLength(1);
    const body = (await statusCalls[0]!.json()) as { shopper: string; products: { id: string; url: string }[] };
    expect(body.products).toEqual([beanie, canvas, merino, linen].map((product) => ({ id: product.id, url: SHOP + product.path })));
    expect(body.shopper).toBe('shopper-test-1');
  });

  it('shows the price the endpoint answered even when it went up, with no cue', async () => {
    const catalogue = createCatalogue();
    catalogue.live.patch({ id: beanie.id, price: 35 });
    const strip = await mountStrip({ endpoint: catalogue.handler, viewed: [seen(beanie)] });
    const [link] = await cardLinks(strip);
    expect(link!.querySelector('.price')!.textContent).toBe('€35.00');
    expect(link!.querySelector('.cue')!.textContent).toBe('');
  });

  it('asks again only about products added later', async () => {
    const catalogue = createCatalogue();
    const strip = await mountStrip({ endpoint: catalogue.handler, viewed: [seen(linen)] });
    await cardLinks(strip);
    catalogue.live.patch({ id: merino.id, price: 99 });
    await strip.test.view(seen(merino));
    await waitFor(() => expect(strip.root.querySelector('.price')!.textContent).toBe('€99.00was €129.00'));
    const bodies = await Promise.all(
      strip.test.requests.filter((request) => request.url.includes('/products/status')).map((request) => request.json() as Promise<{ products: { id: string }[] }>),
    );
    expect(bodies.map((body) => body.products.map((product) => product.id))).toEqual([[linen.id], [merino.id]]);
  });

  it('compares prices only in the same currency', async () => {
    const catalogue = createCatalogue((statuses) => statuses.map((status) => ({ ...status, price: 9, currency: 'SEK' })));
    const strip = await mountStrip({ endpoint: catalogue.handler, viewed: [seen(linen)] });
    const [link] = await cardLinks(strip);
    await waitFor(() => expect(link!.querySelector('.price')!.textContent!.replace(/\s/g, ' ')).toBe('SEK 9.00'));
    expect(link!.querySelector('.cue')!.textContent).toBe('');
  });

  it('works without cues when the endpoint publishes no product status (404), and stops asking', async () => {
    const strip = await mountStrip({ endpoint: createEndpointHandler(), viewed: [seen(linen), seen(merino)] });
    const links = await cardLinks(strip);
    expect(links.map((link) => link.querySelector('.price')!.textContent)).toEqual(['€129.00', '€89.00']);
    expect(strip.root.querySelectorAll('.badge')).toHaveLength(0);
    await strip.test.view(seen(beanie));
    await waitFor(() => expect(strip.root.querySelectorAll('a')).toHaveLength(3));
    expect(strip.test.requests.filter((request) => request.url.includes('/products/status'))).toHaveLength(1);
  });

  it('works without cues when the endpoint is unreachable', async () => {
    const strip = await mountStrip({
      endpoint: () => {
        throw new TypeError('Failed to fetch');
      },
      viewed: [seen(merino)],
    });
    const [link] = await cardLinks(strip);
    expect(link!.querySelector('.price')!.textContent).toBe('€129.00');
    expect(strip.root.querySelectorAll('.badge')).toHaveLength(0);
  });

  it.each([
    ['not JSON', () => new Response('<html>oops</html>', { status: 200 })],
    ['products not a list', () => Response.json({ products: 'cheap' })],
    ['entries of the wrong shape', () => Response.json({ products: [{ id: 'rg-1001', price: '1', currency: 'EUR', available: true }, { id: 'rg-1002', price: -5, currency: 'EUR', available: true, stock: 1 }] })],
    ['a product nobody asked about', () => Response.json({ products: [{ id: 'rg-9999', price: 1, currency: 'EUR', available: true, stock: 1 }] })],
  ])('ignores a garbage answer (%s)', async (_label, answer) => {
    const strip = await mountStrip({ endpoint: answer, viewed: [seen(linen), seen(merino)] });
    const links = await cardLinks(strip);
    await settle();
    expect(links.map((link) => link.querySelector('.price')!.textContent)).toEqual(['€129.00', '€89.00']);
    expect(strip.root.querySelectorAll('.badge')).toHaveLength(0);
  });

  it('makes no call when cues are off or there is no endpoint', async () => {
    const off = await mountStrip({ endpoint: createCatalogue().handler, config: { recentlyViewed: { cues: false } }, viewed: [seen(merino)] });
    await cardLinks(off);
    expect(off.test.requests).toHaveLength(0);
    expect(off.root.querySelectorAll('.badge')).toHaveLength(0);
    const local = await mountStrip({ endpoint: null, viewed: [seen(merino)] });
    expect(cardNames(await cardLinks(local))).toEqual(['Merino Crew Sweater']);
  });

  it('appears with the prices seen when the endpoint is slow, then updates them in place', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const catalogue = createCatalogue();
    catalogue.live.patch({ id: linen.id, price: 59 });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const strip = await mountStrip({ endpoint: async (request) => (await gate, catalogue.handler(request)), viewed: [seen(linen)] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(strip.view.queryByRole('list')).toBeNull();
    await vi.advanceTimersByTimeAsync(600);
    const [link] = await cardLinks(strip);
    expect(link!.querySelector('.price')!.textContent).toBe('€89.00');
    release();
    await waitFor(() => expect(link!.querySelector('.price')!.textContent).toBe('€59.00was €89.00'));
    expect(link!.querySelector('.cue')!.textContent).toBe('Price dropped');
  });
});

describe('recently-viewed strip: shopper actions and events', () => {
  it('clears the history without asking, announces it and keeps focus', async () => {
    const strip = await mountStrip({ endpoint: null, viewed: [seen(linen), seen(merino)] });
    await cardLinks(strip);
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    fireEvent.click(strip.view.getByRole('button', { name: 'Clear history' }));
    const note = await waitFor(() => strip.view.getByText('Your recently viewed list was cleared.'));
    expect(strip.view.queryByRole('list')).toBeNull();
    expect(note.closest('[aria-live="polite"]')).not.toBeNull();
    expect(strip.root.activeElement).toBe(note);
    expect(confirm).not.toHaveBeenCalled();
    await waitFor(async () => expect(await strip.test.storage.get(HISTORY_KEY)).toBeUndefined());
  });

  it('reports a click with the product and its position', async () => {
    const strip = await mountStrip({ endpoint: null, viewed: [seen(linen), seen(merino), seen(canvas)] });
    const links = await cardLinks(strip);
    links[1]!.addEventListener('click', (event) => event.preventDefault());
    fireEvent.click(links[1]!);
    const clicks = strip.test.tracked.filter((event) => event.type === 'recently_viewed_clicked');
    expect(clicks).toHaveLength(1);
    expect(clicks[0]!.data).toEqual({ widget: 'recently-viewed', productId: merino.id, position: 2, cue: null });
    expect(clicks[0]!.product).toMatchObject({ id: merino.id, name: merino.name, url: SHOP + merino.path });
    expect(clicks[0]!.product).not.toHaveProperty('viewedAt');
  });

  it('reports widget_shown once, when at least half of the strip is on screen', async () => {
    const screen = simulateScreen();
    const strip = await mountStrip({ endpoint: null, viewed: [seen(linen), seen(merino)] });
    await cardLinks(strip);
    const shown = () => strip.test.tracked.filter((event) => event.type === 'widget_shown');
    expect(screen.target()?.tagName).toBe('SECTION');
    screen.show(0);
    screen.show(0.3);
    expect(shown()).toHaveLength(0);
    screen.show(0.6);
    screen.show(1);
    expect(shown()).toHaveLength(1);
    expect(shown()[0]!.data).toEqual({ widget: 'recently-viewed', products: 2, cues: 0 });
    await waitFor(async () => expect(await strip.test.storage.get('caps:recently-viewed')).toHaveProperty('shown'));
  });

  it('keeps the cards still while the strip is on screen and applies a change from another tab once it is not', async () => {
    const screen = simulateScreen();
    const catalogue = createCatalogue();
    const strip = await mountStrip({ endpoint: catalogue.handler, viewed: [seen(linen)] });
    await cardLinks(strip);
    screen.show(1);
    catalogue.live.patch({ id: beanie.id, stock: 2 });
    await strip.test.view(seen(beanie));
    await settle();
    expect(cardNames(strip.view.getAllByRole('link') as HTMLAnchorElement[])).toEqual(['Linen Overshirt']);
    screen.show(0);
    await waitFor(() => expect(cardNames(strip.view.getAllByRole('link') as HTMLAnchorElement[])).toEqual(['Wool Beanie', 'Linen Overshirt']));
    await waitFor(() => expect(strip.root.querySelector('.cue')!.textContent).toBe('Only 2 left'));
  });

  it('drops this page\'s product found after the strip appeared, even while on screen; other changes still wait', async () => {
    const screen = simulateScreen();
    const strip = await mountStrip({ endpoint: null, viewed: [seen(linen), seen(merino), seen(canvas)] });
    expect(cardNames(await cardLinks(strip))).toEqual(['Canvas Weekender Bag', 'Merino Crew Sweater', 'Linen Overshirt']);
    screen.show(1);
    // The storefront rendered merino late; the tracker records it, and another tab viewed the beanie meanwhile.
    strip.test.setCurrent(seen(merino));
    await strip.test.view(seen(beanie));
    await strip.test.view(seen(merino));
    await waitFor(() => expect(cardNames(strip.view.getAllByRole('link') as HTMLAnchorElement[])).toEqual(['Canvas Weekender Bag', 'Linen Overshirt']));
    await settle();
    expect(cardNames(strip.view.getAllByRole('link') as HTMLAnchorElement[])).toEqual(['Canvas Weekender Bag', 'Linen Overshirt']);
    screen.show(0);
    await waitFor(() => expect(cardNames(strip.view.getAllByRole('link') as HTMLAnchorElement[])).toEqual(['Wool Beanie', 'Canvas Weekender Bag', 'Linen Overshirt']));
  });

  it('lists the last page\'s product once refreshed on a page without one (single-page navigation)', async () => {
    const strip = await mountStrip({ endpoint: null, viewed: [seen(linen), seen(merino)], current: seen(merino) });
    expect(cardNames(await cardLinks(strip))).toEqual(['Linen Overshirt']);
    strip.test.setCurrent(null);
    strip.handle.refresh?.();
    await waitFor(() => expect(cardNames(strip.view.getAllByRole('link') as HTMLAnchorElement[])).toEqual(['Merino Crew Sweater', 'Linen Overshirt']));
  });

  it('has a focusable, labelled list of list items and a heading', async () => {
    const strip = await mountStrip({ endpoint: null, viewed: [seen(linen), seen(merino)] });
    const list = await waitFor(() => strip.view.getByRole('list', { name: 'Products you viewed recently' }));
    expect(list.tabIndex).toBe(0);
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(strip.view.getByRole('heading', { name: 'Recently viewed' })).toBeTruthy();
  });
});

describe('recently-viewed strip: languages and options', () => {
  it('speaks the configured locale, with prices formatted for it', async () => {
    const strip = await mountStrip({ endpoint: createCatalogue().handler, config: { locale: 'sv' }, viewed: [seen(linen), seen(merino)] });
    const links = await cardLinks(strip);
    expect(strip.view.getByRole('heading').textContent).toBe('Nyligen visade');
    expect(strip.view.getByRole('button').textContent).toBe('Rensa historik');
    await waitFor(() => expect(links[0]!.querySelector('.cue')!.textContent).toBe('Bara 3 kvar'));
    expect(links[1]!.querySelector('.price')!.textContent!.replace(/\s/g, ' ')).toBe('89,00 €');
  });

  it('takes the merchant\'s texts from config.strings', async () => {
    const strip = await mountStrip({ endpoint: null, config: { strings: { 'recentlyViewed.title': 'Still thinking about these?' } }, viewed: [seen(linen)] });
    await cardLinks(strip);
    expect(strip.view.getByRole('heading').textContent).toBe('Still thinking about these?');
  });

  it('warns once per wrong option and falls back to the default', async () => {
    const strip = await mountStrip({
      endpoint: null,
      // @ts-expect-error wrong options on purpose: the strip must warn about each
      config: { recentlyViewed: { max: 0, cues: 'yes', title: 'Hi' } },
      viewed: Array.from({ length: 14 }, (_, index) => seen(linen, { id: `p-${index}`, url: `${SHOP}/p/${index}` })),
    });
    expect(await cardLinks(strip)).toHaveLength(12);
    expect(strip.test.warnings).toEqual([
      'recentlyViewed.max: 0 is not a whole number from 1 to 50. Set how many products the strip shows; 12 is used meanwhile',
      'recentlyViewed.cues: must be true or false. Use false to turn the price and stock cues off; they stay on meanwhile',
      'recentlyViewed.title: is not a recently-viewed option. Use max or cues; texts such as the title are set with strings["recentlyViewed.title"]',
    ]);
  });

  it('unmounts cleanly and stops following the history', async () => {
    const strip = await mountStrip({ endpoint: null, viewed: [seen(linen)] });
    await cardLinks(strip);
    strip.handle.unmount();
    expect(strip.root.childNodes).toHaveLength(0);
    await strip.test.view(seen(merino));
    await settle();
    expect(strip.root.childNodes).toHaveLength(0);
  });
});
