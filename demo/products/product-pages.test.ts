import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS, type DemoProduct, type MarkupStyle } from '../catalog';

// Node's path helpers, because the test environment's URL is the DOM's, not Node's file URL.
const REPO_ROOT = join(fileURLToPath(import.meta.url), '../../..');
// happy-dom cannot load stylesheets and says so on every parse; these tests need none.
const parsePage = (path: string) =>
  new DOMParser().parseFromString(readFileSync(join(REPO_ROOT, path), 'utf8').replace(/<link rel="stylesheet"[^>]*>/, ''), 'text/html');

type Json = Record<string, any>;

/** What a page says about its product, in the fields the endpoint contract's Product carries. */
interface Published {
  name: string;
  price: number;
  currency: string;
  sku: string;
  availability: 'in_stock' | 'out_of_stock';
  image: string;
  url: string;
  category: string;
}

const expected = (product: DemoProduct): Published => ({
  name: product.name,
  price: product.price,
  currency: product.currency,
  sku: product.sku,
  availability: product.stock > 0 ? 'in_stock' : 'out_of_stock',
  image: product.image,
  url: product.path,
  category: product.category,
});

const availability = (value: string): Published['availability'] =>
  /OutOfStock|out of stock|out_of_stock/.test(value) ? 'out_of_stock' : 'in_stock';
const jsonLdTexts = (doc: Document) => Array.from(doc.querySelectorAll('script[type="application/ld+json"]'), (block) => block.textContent!);
const meta = (doc: Document, property: string) => doc.querySelector(`meta[property="${property}"]`)?.getAttribute('content') ?? '';

/** Which of the detection sources a page uses. */
function sources(doc: Document) {
  return {
    jsonLd: jsonLdTexts(doc).length > 0,
    microdata: doc.querySelector('[itemscope][itemtype$="schema.org/Product"]') !== null,
    openGraph: doc.querySelector('meta[property^="og:"], meta[property^="product:"]') !== null,
    attributes: doc.querySelector('[data-regulars-product]') !== null,
  };
}

const ONLY: Record<MarkupStyle, keyof ReturnType<typeof sources> | null> = {
  'json-ld-graph': 'jsonLd',
  'json-ld-aggregate-offer': 'jsonLd',
  microdata: 'microdata',
  'open-graph': 'openGraph',
  'data-attributes': 'attributes',
  'late-rendered': null,
  'json-ld-broken-block': 'jsonLd',
};

/** Reads the product the way its markup style publishes it, checking the style's particular shape on the way. */
const READERS: Record<MarkupStyle, (doc: Document) => Published> = {
  'json-ld-graph': (doc) => {
    const [block] = jsonLdTexts(doc);
    const graph: Json[] = JSON.parse(block!)['@graph'];
    const byId = new Map(graph.map((node) => [node['@id'], node]));
    const product = graph.find((node) => node['@type'] === 'Product')!;
    expect(graph.some((node) => [node['@type']].flat().includes('WebPage'))).toBe(true);
    expect(Object.keys(product.brand)).toEqual(['@id']);
    expect(byId.get(product.brand['@id'])).toMatchObject({ '@type': 'Organization', name: 'Regulars Outfitters' });
    expect(Object.keys(product.offers[0])).toEqual(['@id']);
    const offer = byId.get(product.offers[0]['@id'])!;
    // The price sits only in the offer's priceSpecification, as some WooCommerce setups print it.
    expect(offer.price).toBeUndefined();
    const specification = offer.priceSpecification;
    return {
      name: product.name,
      price: Number(specification.price),
      currency: specification.priceCurrency,
      sku: product.sku,
      availability: availability(offer.availability),
      image: product.image,
      url: product.url,
      category: product.category,
    };
  },
  'json-ld-aggregate-offer': (doc) => {
    const [block] = jsonLdTexts(doc);
    const product = JSON.parse(block!);
    const offers = product.offers;
    expect(offers['@type']).toBe('AggregateOffer');
    expect(Number(offers.highPrice)).toBeGreaterThan(Number(offers.lowPrice));
    expect(product.image[0]['@type']).toBe('ImageObject');
    return {
      name: product.name,
      price: Number(offers.lowPrice),
      currency: offers.priceCurrency,
      sku: product.sku,
      availability: availability(offers.availability),
      image: product.image[0].url,
      url: product.url,
      category: product.category,
    };
  },
  microdata: (doc) => {
    const scope = doc.querySelector('[itemscope][itemtype="http://schema.org/Product"]')!;
    const offer = scope.querySelector('[itemprop="offers"][itemscope]')!;
    const content = (root: Element, prop: string) => root.querySelector(`[itemprop="${prop}"]`)!;
    return {
      name: content(scope, 'name').textContent!,
      price: Number(content(offer, 'price').getAttribute('content')),
      currency: content(offer, 'priceCurrency').getAttribute('content')!,
      sku: content(scope, 'sku').getAttribute('content')!,
      availability: availability(content(offer, 'availability').getAttribute('href')!),
      image: content(scope, 'image').getAttribute('src')!,
      url: content(scope, 'url').getAttribute('href')!,
      category: content(scope, 'category').getAttribute('content')!,
    };
  },
  'open-graph': (doc) => {
    expect(meta(doc, 'og:type')).toBe('product');
    return {
      name: meta(doc, 'og:title'),
      price: Number(meta(doc, 'product:price:amount')),
      currency: meta(doc, 'product:price:currency'),
      sku: meta(doc, 'product:retailer_item_id'),
      availability: availability(meta(doc, 'product:availability')),
      image: meta(doc, 'og:image'),
      url: meta(doc, 'og:url'),
      category: meta(doc, 'product:category'),
    };
  },
  'data-attributes': (doc) => {
    const element = doc.querySelector('[data-regulars-product]')!;
    const field = (name: string) => element.getAttribute(`data-regulars-product-${name}`)!;
    expect(field('id')).toBe(DEMO_PRODUCTS.find((product) => product.markup === 'data-attributes')!.id);
    // The product's details sit inside the element, as a theme wraps its product section.
    expect(element.querySelector('h1')).not.toBeNull();
    return {
      name: field('name'),
      price: Number(field('price')),
      currency: field('currency'),
      sku: field('sku'),
      availability: field('availability') as Published['availability'],
      image: field('image'),
      url: field('url'),
      category: field('category'),
    };
  },
  'late-rendered': (doc) => {
    const state = JSON.parse(doc.getElementById('storefront-state')!.textContent!).product;
    return {
      name: state.name,
      price: state.price,
      currency: state.currency,
      sku: state.sku,
      availability: state.stock > 0 ? 'in_stock' : 'out_of_stock',
      image: state.image,
      url: state.path,
      category: state.category,
    };
  },
  'json-ld-broken-block': (doc) => {
    const blocks = jsonLdTexts(doc);
    expect(blocks).toHaveLength(2);
    expect(() => JSON.parse(blocks[0]!)).toThrow(SyntaxError);
    const product = JSON.parse(blocks[1]!);
    expect(product['@type']).toBe('Product');
    return {
      name: product.name,
      price: Number(product.offers.price),
      currency: product.offers.priceCurrency,
      sku: product.sku,
      availability: availability(product.offers.availability),
      image: product.image,
      url: product.offers.url,
      category: product.category,
    };
  },
};

const formatPrice = (product: DemoProduct) =>
  new Intl.NumberFormat('en', { style: 'currency', currency: product.currency }).format(product.price);

describe('every markup style has a product page', () => {
  it('covers each style exactly once', () => {
    expect(DEMO_PRODUCTS.map((product) => product.markup).sort()).toEqual(Object.keys(READERS).sort());
  });
});

describe.each(DEMO_PRODUCTS.map((product) => [product.markup, product] as const))('the %s page', (markup, product) => {
  const doc = parsePage(product.path);

  it('publishes the catalogue entry through its markup style', () => {
    expect(READERS[markup](doc)).toEqual(expected(product));
  });

  it('uses no other detection source', () => {
    const used = sources(doc);
    const only = ONLY[markup];
    expect(used).toEqual({ jsonLd: only === 'jsonLd', microdata: only === 'microdata', openGraph: only === 'openGraph', attributes: only === 'attributes' });
  });

  it('names its canonical URL and keeps the recently-viewed slot below the product, above the footer', () => {
    expect(doc.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(product.path);
    const slots = doc.querySelectorAll('[data-regulars-slot="recently-viewed"]');
    expect(slots).toHaveLength(1);
    const slot = slots[0]!;
    expect(slot.childNodes).toHaveLength(0);
    expect(slot.closest('main')).not.toBeNull();
    const details = doc.querySelector('.product, [data-demo-late-product]')!;
    expect(details.contains(slot)).toBe(false);
    expect(details.compareDocumentPosition(slot) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(slot.compareDocumentPosition(doc.querySelector('footer')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it.skipIf(markup === 'late-rendered')('shows the product: image, name, price, stock and a harmless add-to-bag', () => {
    const image = doc.querySelector<HTMLImageElement>('.product__media img')!;
    expect([image.getAttribute('src'), image.getAttribute('width'), image.getAttribute('height')]).toEqual([product.image, '800', '800']);
    expect(image.getAttribute('alt')).toMatch(new RegExp(product.name));
    expect(doc.querySelector('h1')!.textContent).toBe(product.name);
    expect(doc.title).toBe(`${product.name} · Regulars Outfitters`);
    expect(doc.querySelector('.product__price')!.textContent).toContain(formatPrice(product));
    const stock = doc.querySelector('.stock')!.textContent;
    expect(stock).toBe(product.stock === 0 ? 'Sold out' : product.stock <= 10 ? `Only ${product.stock} left` : 'In stock');
    expect(doc.querySelector('.product__description')!.textContent).toContain(product.description);
    const button = doc.querySelector<HTMLButtonElement>('.buy button')!;
    expect(button.type).toBe('button');
    expect(button.closest('form')).toBeNull();
    expect(button.hasAttribute('disabled')).toBe(product.stock === 0);
  });
});

describe('the category page', () => {
  const doc = parsePage('/demo/category.html');

  it('lists every product in catalogue order with its price', () => {
    const cards = Array.from(doc.querySelectorAll('.card'));
    expect(cards.map((card) => card.querySelector('a')!.getAttribute('href'))).toEqual(DEMO_PRODUCTS.map((product) => product.path));
    expect(cards.map((card) => card.querySelector('.card__price')!.textContent)).toEqual(DEMO_PRODUCTS.map(formatPrice));
  });

  it('is a listing, not a product page: an ItemList and no product markup', () => {
    const blocks = jsonLdTexts(doc).map((text) => JSON.parse(text));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]['@type']).toBe('ItemList');
    expect(blocks[0].itemListElement.map((item: Json) => item.url)).toEqual(DEMO_PRODUCTS.map((product) => product.path));
    expect(JSON.stringify(blocks)).not.toContain('"Product"');
    expect(sources(doc)).toEqual({ jsonLd: true, microdata: false, openGraph: false, attributes: false });
    expect(doc.querySelector('link[rel="canonical"], [data-regulars-slot]')).toBeNull();
  });
});

describe('the home page', () => {
  const doc = parsePage('/index.html');

  it('features products, links to them, and has a recently-viewed slot but no product markup', () => {
    const links = Array.from(doc.querySelectorAll('.card a'), (link) => link.getAttribute('href'));
    expect(links.length).toBeGreaterThanOrEqual(3);
    for (const link of links) expect(DEMO_PRODUCTS.map((product) => product.path)).toContain(link);
    expect(doc.querySelectorAll('main [data-regulars-slot="recently-viewed"]')).toHaveLength(1);
    expect(sources(doc)).toEqual({ jsonLd: false, microdata: false, openGraph: false, attributes: false });
  });
});
