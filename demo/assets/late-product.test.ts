import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_PRODUCTS } from '../catalog';
import { readStorefrontState, RENDER_DELAY_MS, scheduleLateProduct } from './late-product';

// Node's path helpers, because the test environment's URL is the DOM's, not Node's file URL.
const REPO_ROOT = join(fileURLToPath(import.meta.url), '../../..');
// happy-dom cannot load stylesheets and says so on every parse; these tests need none.
const withoutStylesheet = (html: string) => html.replace(/<link rel="stylesheet"[^>]*>/, '');

const product = DEMO_PRODUCTS.find((entry) => entry.markup === 'late-rendered')!;
const html = withoutStylesheet(readFileSync(join(REPO_ROOT, product.path), 'utf8'));
const parse = () => new DOMParser().parseFromString(html, 'text/html');
const jsonLdBlocks = (doc: Document) => doc.querySelectorAll('script[type="application/ld+json"]');

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
  jsonLdBlocks(document).forEach((block) => block.remove());
});

describe('the late-rendered product page', () => {
  it('ships the product only as storefront state, in no form Regulars reads', () => {
    const doc = parse();
    expect(jsonLdBlocks(doc)).toHaveLength(0);
    expect(doc.querySelector('[itemscope], [data-regulars-product], meta[property^="og:"], meta[property^="product:"]')).toBeNull();
    expect(doc.querySelector('h1')!.textContent).toBe('Loading product…');
    expect(readStorefrontState(doc)).toMatchObject({
      id: product.id,
      sku: product.sku,
      name: product.name,
      path: product.path,
      image: product.image,
      price: product.price,
      currency: product.currency,
      stock: product.stock,
      category: product.category,
      description: product.description,
    });
  });

  it('renders the product and then its JSON-LD half a second after load', async () => {
    vi.useFakeTimers();
    document.body.replaceChildren(...Array.from(parse().body.childNodes));
    const root = document.querySelector<HTMLElement>('[data-demo-late-product]')!;
    scheduleLateProduct(root);
    if (document.readyState !== 'complete') window.dispatchEvent(new Event('load'));

    vi.advanceTimersByTime(RENDER_DELAY_MS - 1);
    expect(jsonLdBlocks(document)).toHaveLength(0);
    expect(root.getAttribute('aria-busy')).toBe('true');

    vi.advanceTimersByTime(1);
    expect(root.hasAttribute('aria-busy')).toBe(false);
    expect(root.querySelector('h1')!.textContent).toBe(product.name);
    expect(root.querySelector('.product__price')!.textContent).toContain('€39.00');
    expect(root.querySelector('.stock')!.textContent).toBe(`Only ${product.stock} left`);
    const image = root.querySelector('img')!;
    expect([image.getAttribute('src'), image.getAttribute('width'), image.getAttribute('height')]).toEqual([product.image, '800', '800']);
    expect(image.alt).not.toBe('');
    expect(root.querySelector('[data-demo-add-to-bag]')).not.toBeNull();
    expect(document.title).toBe(`${product.name} · Regulars Outfitters`);

    const blocks = jsonLdBlocks(document);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.parentElement).toBe(document.head);
    expect(JSON.parse(blocks[0]!.textContent!)).toMatchObject({
      '@type': 'Product',
      name: product.name,
      sku: product.sku,
      url: product.path,
      image: product.image,
      offers: { '@type': 'Offer', price: '39.00', priceCurrency: 'EUR', availability: 'https://schema.org/InStock' },
    });
    // The slot the recently-viewed strip mounts in stays below the rendered product.
    const slot = document.querySelector('[data-regulars-slot="recently-viewed"]')!;
    expect(root.compareDocumentPosition(slot) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('renders nothing when the state is missing', () => {
    vi.useFakeTimers();
    const doc = parse();
    doc.getElementById('storefront-state')!.remove();
    expect(readStorefrontState(doc)).toBeNull();
    document.body.replaceChildren(...Array.from(doc.body.childNodes));
    const root = document.querySelector<HTMLElement>('[data-demo-late-product]')!;
    scheduleLateProduct(root);
    window.dispatchEvent(new Event('load'));
    vi.advanceTimersByTime(RENDER_DELAY_MS * 4);
    expect(root.getAttribute('aria-busy')).toBe('true');
    expect(jsonLdBlocks(document)).toHaveLength(0);
  });
});
