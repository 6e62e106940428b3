import { describe, expect, it } from 'vitest';
import { mayHaveProduct } from './hint';

const page = (html: string) => new DOMParser().parseFromString(`<!doctype html><html><head>${html}</head><body></body></html>`, 'text/html');

describe('mayHaveProduct', () => {
  it.each([
    ['attributes', '<div data-regulars-product></div>'],
    ['JSON-LD', '<script type="application/ld+json">{}</script>'],
    ['microdata', '<div itemscope itemtype="https://schema.org/Product"></div>'],
    ['Open Graph product tags', '<meta property="product:price:amount" content="10">'],
    ['og:type product', '<meta property="og:type" content="product">'],
  ])('sees %s', (_source, html) => {
    expect(mayHaveProduct(page(html))).toBe(true);
  });

  it('skips a plain content page', () => {
    expect(mayHaveProduct(page('<meta property="og:type" content="article"><title>Blog</title>'))).toBe(false);
  });
});
