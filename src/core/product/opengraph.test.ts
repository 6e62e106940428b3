import { describe, expect, it } from 'vitest';
import { normalizeProduct } from './normalize';
import { readOpenGraph } from './opengraph';

const PAGE = 'https://demo-store.example/products/ocean-blue-shirt?variant=4082';

const page = (head: string) => new DOMParser().parseFromString(`<!doctype html><html><head>${head}</head><body></body></html>`, 'text/html');
const products = (head: string) => readOpenGraph(page(head)).map((raw) => normalizeProduct(raw, PAGE));

/** The Open Graph tags a Shopify theme prints on a product page. */
const SHOPIFY_HEAD = `
  <meta property="og:site_name" content="Demo Store">
  <meta property="og:url" content="https://demo-store.example/products/ocean-blue-shirt">
  <meta property="og:title" content="Ocean Blue Shirt">
  <meta property="og:type" content="product">
  <meta property="og:description" content="Ocean blue cotton shirt with a narrow collar.">
  <meta property="og:image" content="http://demo-store.example/cdn/shop/products/shirt.jpg?v=1653">
  <meta property="og:image:secure_url" content="https://demo-store.example/cdn/shop/products/shirt.jpg?v=1653">
  <meta property="og:image" content="http://demo-store.example/cdn/shop/products/shirt-back.jpg?v=1653">
  <meta property="og:price:amount" content="50.00">
  <meta property="og:price:currency" content="USD">
  <meta name="twitter:card" content="summary_large_image">`;

describe('readOpenGraph', () => {
  it('reads a Shopify product page, taking the first og:image', () => {
    expect(products(SHOPIFY_HEAD)).toEqual([
      {
        id: 'https://demo-store.example/products/ocean-blue-shirt',
        name: 'Ocean Blue Shirt',
        url: 'https://demo-store.example/products/ocean-blue-shirt',
        image: 'http://demo-store.example/cdn/shop/products/shirt.jpg?v=1653',
        price: 50,
        currency: 'USD',
        sku: null,
        availability: null,
      },
    ]);
  });

  it('reads the product: tags of a catalog page, including the retailer item id and availability', () => {
    const [product] = products(`
      <meta property="og:type" content="product.item">
      <meta property="og:title" content="Linen Apron">
      <meta property="og:image" content="/images/apron.jpg">
      <meta property="product:retailer_item_id" content="APR-22">
      <meta property="product:price:amount" content="24,90">
      <meta property="product:price:currency" content="eur">
      <meta property="product:availability" content="out of stock">`);
    expect(product).toEqual({
      id: 'APR-22',
      name: 'Linen Apron',
      url: PAGE,
      image: 'https://demo-store.example/images/apron.jpg',
      price: 24.9,
      currency: 'EUR',
      sku: null,
      availability: 'out_of_stock',
    });
  });

  it('accepts a page without og:type when it carries a price, and tags written with name= instead of property=', () => {
    const [product] = products(`
      <meta name="og:title" content="Tea Towel"><meta name="product:price:amount" content="9.00">`);
    expect(product).toMatchObject({ name: 'Tea Towel', price: 9 });
  });

  it('reads nothing from an article, a listing or a plain website page, even one carrying product tags', () => {
    for (const type of ['article', 'product.group', 'website']) {
      expect(readOpenGraph(page(`<meta property="og:type" content="${type}"><meta property="og:title" content="How we make mugs">`))).toEqual([]);
    }
    for (const type of ['article', 'product.group']) {
      const head = `<meta property="og:type" content="${type}"><meta property="og:title" content="x"><meta property="product:price:amount" content="9">`;
      expect(readOpenGraph(page(head))).toEqual([]);
    }
  });

  it('reads nothing from a page without Open Graph tags', () => {
    expect(readOpenGraph(page('<title>Mug</title><meta name="description" content="A mug">'))).toEqual([]);
  });
});
