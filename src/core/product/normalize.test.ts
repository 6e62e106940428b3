import { describe, expect, it } from 'vitest';
import { normalizeProduct } from './normalize';

const PAGE = 'https://shop.example/products/mug?ref=home#reviews';

describe('normalizeProduct', () => {
  it('keeps a complete product as given, resolving its URLs against the page', () => {
    expect(
      normalizeProduct(
        {
          id: 'MUG-1',
          name: 'Stoneware Mug',
          url: '/products/mug',
          image: '../images/mug.jpg',
          price: 12.5,
          currency: 'eur',
          sku: 'MUG-1-BLUE',
          availability: 'in_stock',
          category: 'Kitchen',
        },
        PAGE,
      ),
    ).toEqual({
      id: 'MUG-1',
      name: 'Stoneware Mug',
      url: 'https://shop.example/products/mug',
      image: 'https://shop.example/images/mug.jpg',
      price: 12.5,
      currency: 'EUR',
      sku: 'MUG-1-BLUE',
      availability: 'in_stock',
      category: 'Kitchen',
    });
  });

  it('returns null without a name, or when the raw value is not an object', () => {
    expect(normalizeProduct({ id: 'x', price: 3 }, PAGE)).toBeNull();
    expect(normalizeProduct({ name: '   ' }, PAGE)).toBeNull();
    expect(normalizeProduct({ name: { text: 'Mug' } }, PAGE)).toBeNull();
    expect(normalizeProduct(null as unknown as Record<string, unknown>, PAGE)).toBeNull();
  });

  it('returns null on a page that is not http(s)', () => {
    expect(normalizeProduct({ name: 'Mug' }, 'file:///home/me/mug.html')).toBeNull();
  });

  it('falls back from the explicit id to the sku, then to the URL', () => {
    expect(normalizeProduct({ name: 'Mug', id: 981234, sku: 'S' }, PAGE)?.id).toBe('981234');
    expect(normalizeProduct({ name: 'Mug', sku: 'MUG-1' }, PAGE)?.id).toBe('MUG-1');
    expect(normalizeProduct({ name: 'Mug', url: 'https://shop.example/p/mug#top' }, PAGE)?.id).toBe('https://shop.example/p/mug');
  });

  it('uses the page URL without its fragment when the product has no usable URL', () => {
    expect(normalizeProduct({ name: 'Mug' }, PAGE)?.url).toBe('https://shop.example/products/mug?ref=home');
    expect(normalizeProduct({ name: 'Mug', url: 'javascript:alert(1)' }, PAGE)?.url).toBe('https://shop.example/products/mug?ref=home');
  });

  it('drops images that are not http(s)', () => {
    for (const image of ['javascript:alert(1)', 'data:image/png;base64,AAAA', 42, { url: '/a.jpg' }, '']) {
      expect(normalizeProduct({ name: 'Mug', image }, PAGE)?.image).toBeNull();
    }
  });

  it('trims text, collapses inner whitespace and caps it at 200 characters', () => {
    const product = normalizeProduct({ name: `\n   Stoneware\n\t  Mug  `, sku: ' A1 ', category: 'x'.repeat(500) }, PAGE);
    expect(product?.name).toBe('Stoneware Mug');
    expect(product?.sku).toBe('A1');
    expect(product?.category).toHaveLength(200);
    expect(normalizeProduct({ name: 'n'.repeat(1000) }, PAGE)?.name).toHaveLength(200);
  });

  it('leaves category out when there is none', () => {
    expect(normalizeProduct({ name: 'Mug' }, PAGE)).not.toHaveProperty('category');
  });

  it.each([
    [19.99, 19.99],
    [0, 0],
    ['19.99', 19.99],
    ['19,99', 19.99],
    ['1,299.00', 1299],
    ['1.299,00', 1299],
    ['1,299', 1299],
    ['1 299,50 €', 1299.5],
    ['$ 1,234,567.89', 1234567.89],
    ['EUR 7,5', 7.5],
    ['50.0', 50],
    ['', null],
    ['free', null],
    ['19.99 - 29.99', null],
    ['1e309', null],
    ['12x4', null],
    [-5, null],
    ['-5', null],
    ['- 5,00 €', null],
    ['\u22125.00', null],
    ['$-1,299.00', null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
    [true, null],
    [null, null],
  ])('reads the price %j as %j', (price, expected) => {
    expect(normalizeProduct({ name: 'Mug', price }, PAGE)?.price).toBe(expected);
  });

  it.each([
    ['in_stock', 'in_stock'],
    ['InStock', 'in_stock'],
    ['https://schema.org/InStock', 'in_stock'],
    ['http://schema.org/LimitedAvailability', 'in_stock'],
    ['in stock', 'in_stock'],
    ['out_of_stock', 'out_of_stock'],
    ['OutOfStock', 'out_of_stock'],
    ['http://schema.org/OutOfStock', 'out_of_stock'],
    ['SoldOut', 'out_of_stock'],
    ['https://schema.org/Discontinued', 'out_of_stock'],
    ['out of stock', 'out_of_stock'],
    ['oos', 'out_of_stock'],
    ['https://schema.org/PreOrder', null],
    ['BackOrder', null],
    ['', null],
    [1, null],
  ])('reads the availability %j as %j', (availability, expected) => {
    expect(normalizeProduct({ name: 'Mug', availability }, PAGE)?.availability).toBe(expected);
  });

  it.each([
    ['usd', 'USD'],
    [' EUR ', 'EUR'],
    ['€', null],
    ['EURO', null],
    ['', null],
    [undefined, null],
    [null, null],
    [978, null],
  ])('reads the currency %j as %j', (currency, expected) => {
    expect(normalizeProduct({ name: 'Mug', currency }, PAGE)?.currency).toBe(expected);
  });
});
