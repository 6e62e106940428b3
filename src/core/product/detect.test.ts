import { describe, expect, it } from 'vitest';
import { detectProduct, showsProduct } from './detect';

const PAGE = 'https://shop.example/products/mug?utm_source=mail#reviews';

const page = (html: string) => new DOMParser().parseFromString(`<!doctype html><html>${html}</html>`, 'text/html');
const ld = (json: string) => `<script type="application/ld+json">${json}</script>`;

const ATTRIBUTES = '<div data-regulars-product data-regulars-product-name="From attributes"></div>';
const JSON_LD = ld('{"@context":"https://schema.org","@type":"Product","name":"From JSON-LD","offers":{"price":"5.00","priceCurrency":"EUR"}}');
const MICRODATA = '<div itemscope itemtype="https://schema.org/Product"><span itemprop="name">From microdata</span></div>';
const OPEN_GRAPH = '<meta property="og:type" content="product"><meta property="og:title" content="From Open Graph">';

describe('detectProduct', () => {
  it('takes the first source that describes a product: attributes, JSON-LD, microdata, then Open Graph', () => {
    const sources = [ATTRIBUTES, JSON_LD, MICRODATA, OPEN_GRAPH];
    const names = sources.map((_, skipped) => detectProduct(page(sources.slice(skipped).join('')), PAGE)?.name);
    expect(names).toEqual(['From attributes', 'From JSON-LD', 'From microdata', 'From Open Graph']);
  });

  it('moves on when a source describes no usable product', () => {
    const html = '<div data-regulars-product data-regulars-product-price="3"></div>' + ld('{"@type":"Product","offers":{}}') + MICRODATA;
    expect(detectProduct(page(html), PAGE)?.name).toBe('From microdata');
  });

  it('returns null on a page without any product markup', () => {
    expect(detectProduct(page('<head><title>Home</title></head><body><h1>Welcome</h1></body>'), PAGE)).toBeNull();
  });

  it('uses the canonical link as the URL, resolved against the page', () => {
    const html = '<head><link rel="canonical" href="/products/mug"></head>' + ld('{"@type":"Product","name":"Mug","url":"https://shop.example/products/mug?variant=2"}');
    expect(detectProduct(page(html), PAGE)).toMatchObject({ url: 'https://shop.example/products/mug', id: 'https://shop.example/products/mug' });
  });

  it('falls back to the URL of the source, then to the page URL without its fragment', () => {
    expect(detectProduct(page(ld('{"@type":"Product","name":"Mug","url":"/p/mug"}')), PAGE)?.url).toBe('https://shop.example/p/mug');
    expect(detectProduct(page(JSON_LD), PAGE)?.url).toBe('https://shop.example/products/mug?utm_source=mail');
  });

  it('ignores a canonical link that is not http(s)', () => {
    const html = '<head><link rel="canonical" href="javascript:alert(1)"></head>' + JSON_LD;
    expect(detectProduct(page(html), PAGE)?.url).toBe('https://shop.example/products/mug?utm_source=mail');
  });

  it("lets the merchant's data-regulars-product-url win over the canonical link", () => {
    const html =
      '<head><link rel="canonical" href="https://shop.example/collections/kitchen"></head>' +
      '<div data-regulars-product data-regulars-product-name="Mug" data-regulars-product-url="/products/mug"></div>';
    expect(detectProduct(page(html), PAGE)?.url).toBe('https://shop.example/products/mug');
    const withoutUrl = html.replace(' data-regulars-product-url="/products/mug"', '');
    expect(detectProduct(page(withoutUrl), PAGE)?.url).toBe('https://shop.example/collections/kitchen');
  });

  it('reads a WooCommerce page whose Yoast tags call it an article, because its JSON-LD names a Product', () => {
    const html =
      '<head><meta property="og:type" content="article"><meta property="og:title" content="Hoodie - Shop"></head>' +
      ld(`{"@context":"https://schema.org/","@graph":[{"@context":"https://schema.org/","@type":"BreadcrumbList","itemListElement":[]},
        {"@context":"https://schema.org/","@type":"Product","@id":"https://shop.example/product/hoodie/#product","name":"Hoodie",
        "url":"https://shop.example/product/hoodie/","image":"https://shop.example/wp-content/uploads/hoodie.jpg","sku":"woo-hoodie",
        "offers":[{"@type":"Offer","priceSpecification":[{"@type":"UnitPriceSpecification","price":"45.00","priceCurrency":"EUR",
        "valueAddedTaxIncluded":false}],"availability":"http://schema.org/InStock","url":"https://shop.example/product/hoodie/"}]}]}`);
    expect(detectProduct(page(html), PAGE)).toEqual({
      id: 'woo-hoodie',
      name: 'Hoodie',
      url: 'https://shop.example/product/hoodie/',
      image: 'https://shop.example/wp-content/uploads/hoodie.jpg',
      price: 45,
      currency: 'EUR',
      sku: 'woo-hoodie',
      availability: 'in_stock',
    });
  });

  it('takes the first of several blocks describing the same product', () => {
    const html = ld('{"@type":"Product","name":"Mug","sku":"M-1"}') + ld('{"@type":"Product","name":"Mug","offers":{"price":"9"}}');
    expect(detectProduct(page(html), PAGE)).toMatchObject({ sku: 'M-1', price: null });
  });

  it('reads a page whose broken JSON-LD block comes before the good one', () => {
    const html = ld('{"@context":"https://schema.org","@type":"Product","name":"Mug",') + JSON_LD;
    expect(detectProduct(page(html), PAGE)?.name).toBe('From JSON-LD');
  });

  it('returns null on a category page whose JSON-LD is an ItemList of products', () => {
    const html =
      '<head><meta property="og:type" content="website"><meta property="og:title" content="Kitchen"></head>' +
      ld(`{"@context":"https://schema.org","@type":"CollectionPage","name":"Kitchen","mainEntity":{"@type":"ItemList","itemListElement":[
        {"@type":"ListItem","position":1,"item":{"@type":"Product","name":"Mug","url":"/p/mug"}},
        {"@type":"ListItem","position":2,"item":{"@type":"Product","name":"Plate","url":"/p/plate"}}]}}`);
    expect(detectProduct(page(html), PAGE)).toBeNull();
  });

  it('returns null on a listing that marks up several different products, whatever the source', () => {
    const jsonLd = ld('{"@type":"Product","name":"Mug"}') + ld('{"@type":"Product","name":"Plate"}') + OPEN_GRAPH;
    const microdata =
      '<li itemscope itemtype="https://schema.org/Product"><span itemprop="name">Mug</span></li>' +
      '<li itemscope itemtype="https://schema.org/Product"><span itemprop="name">Plate</span></li>';
    const attributes = '<a data-regulars-product=\'{"name":"Mug"}\'></a><a data-regulars-product=\'{"name":"Plate"}\'></a>' + JSON_LD;
    expect(detectProduct(page(jsonLd), PAGE)).toBeNull();
    expect(detectProduct(page(microdata), PAGE)).toBeNull();
    expect(detectProduct(page(attributes), PAGE)).toBeNull();
  });

  it('returns null on an article, even one that reviews a product and carries a price tag', () => {
    const html =
      '<head><meta property="og:type" content="article"><meta property="og:title" content="The best mugs of the year">' +
      '<meta property="product:price:amount" content="12"></head>' +
      ld(`{"@context":"https://schema.org","@type":"Article","headline":"The best mugs of the year",
        "review":{"@type":"Review","itemReviewed":{"@type":"Product","name":"Mug"}}}`) +
      '<article itemscope itemtype="https://schema.org/Article"><h1 itemprop="headline">The best mugs of the year</h1></article>';
    expect(detectProduct(page(html), PAGE)).toBeNull();
  });

  it('finds a product rendered after the first call and keeps no state between calls', () => {
    const doc = page('<body><main></main></body>');
    expect(detectProduct(doc, PAGE)).toBeNull();
    const script = doc.createElement('script');
    script.type = 'application/ld+json';
    script.textContent = '{"@type":"Product","name":"Late Mug"}';
    doc.body.append(script);
    expect(detectProduct(doc, PAGE)?.name).toBe('Late Mug');
    script.textContent = '{"@type":"Product","name":"Other Mug"}';
    expect(detectProduct(doc, PAGE)?.name).toBe('Other Mug');
  });

  it('never throws, even when the document misbehaves', () => {
    const doc = page(JSON_LD + OPEN_GRAPH);
    const broken = new Proxy(doc, {
      get(target, key) {
        if (key === 'querySelectorAll') {
          return (selector: string) => {
            if (selector.includes('ld+json')) throw new Error('broken page');
            return target.querySelectorAll(selector);
          };
        }
        const value = Reflect.get(target, key) as unknown;
        return typeof value == 'function' ? value.bind(target) : value;
      },
    });
    expect(detectProduct(broken, PAGE)?.name).toBe('From Open Graph');
    expect(detectProduct(page(JSON_LD), 'not a url')).toBeNull();
  });
});

describe('showsProduct', () => {
  const LISTING = 'https://shop.example/collections/all';

  it('recognises markup without an id as the product it was read as under the earlier URL', () => {
    const doc = page(JSON_LD);
    const earlier = detectProduct(doc, PAGE)!;
    // Read under the new URL the same markup takes that URL as its id.
    expect(detectProduct(doc, LISTING)!.id).not.toBe(earlier.id);
    expect(showsProduct(doc, earlier, PAGE)).toBe(true);
  });

  it('tells apart another product without an id, which would take the same id from the earlier URL', () => {
    const earlier = detectProduct(page(JSON_LD), PAGE)!;
    const other = page(ld('{"@type":"Product","name":"Another mug"}'));
    expect(detectProduct(other, PAGE)!.id).toBe(earlier.id);
    expect(showsProduct(other, earlier, PAGE)).toBe(false);
  });

  it('is false on a page without product markup', () => {
    expect(showsProduct(page('<body><h1>All products</h1></body>'), detectProduct(page(JSON_LD), PAGE)!, PAGE)).toBe(false);
  });
});
