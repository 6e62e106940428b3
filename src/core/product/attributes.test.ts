import { describe, expect, it } from 'vitest';
import { readAttributes } from './attributes';
import { normalizeProduct } from './normalize';

const PAGE = 'https://shop.example/products/mug';

const page = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const products = (html: string) => readAttributes(page(html)).map((raw) => normalizeProduct(raw, PAGE));

describe('readAttributes', () => {
  it('reads a product given as JSON in the attribute', () => {
    expect(
      products(`<main><div data-regulars-product='{"id":"981","name":"Stoneware Mug","price":"12,50","currency":"EUR",
        "image":"/img/mug.jpg","sku":"MUG-1","availability":"InStock","category":"Kitchen"}'><h1>Stoneware Mug</h1></div></main>`),
    ).toEqual([
      {
        id: '981',
        name: 'Stoneware Mug',
        url: PAGE,
        image: 'https://shop.example/img/mug.jpg',
        price: 12.5,
        currency: 'EUR',
        sku: 'MUG-1',
        availability: 'in_stock',
        category: 'Kitchen',
      },
    ]);
  });

  it('reads a product given as sibling attributes when the attribute is empty', () => {
    expect(
      products(`<section data-regulars-product data-regulars-product-id="981" data-regulars-product-name="Stoneware Mug"
        data-regulars-product-price="1.299,00" data-regulars-product-currency="sek" data-regulars-product-image="https://cdn.example/mug.jpg"
        data-regulars-product-url="/products/mug?variant=2" data-regulars-product-sku="MUG-1"
        data-regulars-product-availability="out_of_stock" data-regulars-product-category="Kitchen"></section>`),
    ).toEqual([
      {
        id: '981',
        name: 'Stoneware Mug',
        url: 'https://shop.example/products/mug?variant=2',
        image: 'https://cdn.example/mug.jpg',
        price: 1299,
        currency: 'SEK',
        sku: 'MUG-1',
        availability: 'out_of_stock',
        category: 'Kitchen',
      },
    ]);
  });

  it('lets the JSON value win over a sibling attribute and keeps the siblings it does not set', () => {
    const [product] = products(
      `<div data-regulars-product='{"name":"From JSON","price":9}' data-regulars-product-name="From attribute" data-regulars-product-sku="S-1"></div>`,
    );
    expect(product).toMatchObject({ name: 'From JSON', price: 9, sku: 'S-1' });
  });

  it('falls back to the sibling attributes when the JSON is broken or not an object', () => {
    for (const value of ['{"name":', '"Just a string"', '[{"name":"In a list"}]', 'null']) {
      const element = page('<div data-regulars-product-name="Mug"></div>').querySelector('div')!;
      element.setAttribute('data-regulars-product', value);
      const [product] = readAttributes(element.ownerDocument).map((raw) => normalizeProduct(raw, PAGE));
      expect(product?.name).toBe('Mug');
    }
  });

  it('keeps a "__proto__" key in the JSON an ordinary field', () => {
    const [raw] = readAttributes(page(`<div data-regulars-product='{"__proto__":{"name":"Injected"}}'></div>`));
    expect(Object.getPrototypeOf(raw)).toBe(Object.prototype);
    expect(normalizeProduct(raw, PAGE)).toBeNull();
  });

  it('reads one product per element, and none on a page without the attribute', () => {
    expect(products('<div data-regulars-product-name="Orphan sibling"></div>')).toEqual([]);
    const both = products(
      '<div data-regulars-product data-regulars-product-name="A"></div><div data-regulars-product data-regulars-product-name="B"></div>',
    );
    expect(both.map((product) => product?.name)).toEqual(['A', 'B']);
  });
});
