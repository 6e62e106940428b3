import { describe, expect, it } from 'vitest';
import type { ViewedProduct } from '../../types';
import { cueFor, parseStatusAnswer, type ProductStatus } from './status';

const viewed: ViewedProduct = {
  id: 'rg-1',
  name: 'Linen Overshirt',
  url: 'https://shop.example/p/1',
  image: null,
  price: 89,
  currency: 'EUR',
  sku: null,
  availability: 'in_stock',
  viewedAt: 1,
};
const status = (patch: Partial<ProductStatus> = {}): ProductStatus => ({ price: 89, currency: 'EUR', available: true, ...patch });

describe('cueFor', () => {
  it('gives no cue without a status or for a product that cannot be bought', () => {
    expect(cueFor(viewed, undefined, null)).toBeNull();
    expect(cueFor(viewed, status({ price: 10, available: false }), null)).toBeNull();
    expect(cueFor(viewed, status(), null)).toBeNull();
  });

  it('sees a price drop only below the price seen, in the same currency', () => {
    expect(cueFor(viewed, status({ price: 79 }), null)).toEqual({ kind: 'priceDropped', was: 89 });
    expect(cueFor(viewed, status({ price: 88.999999 }), null)).toBeNull();
    expect(cueFor(viewed, status({ price: 99 }), null)).toBeNull();
    expect(cueFor(viewed, status({ price: 9, currency: 'SEK' }), null)).toBeNull();
    expect(cueFor({ ...viewed, price: null }, status({ price: 9 }), null)).toBeNull();
  });

  it('uses the configured currency for a product seen without one', () => {
    expect(cueFor({ ...viewed, currency: null }, status({ price: 79 }), 'EUR')).toEqual({ kind: 'priceDropped', was: 89 });
    expect(cueFor({ ...viewed, currency: null }, status({ price: 79 }), 'SEK')).toBeNull();
  });

  it('says back in stock for a product seen out of stock', () => {
    expect(cueFor({ ...viewed, availability: 'out_of_stock' }, status({ stock: 2 }), null)).toEqual({ kind: 'backInStock' });
  });

  it('says only N left from 5 down to 1', () => {
    expect(cueFor(viewed, status({ stock: 6 }), null)).toBeNull();
    expect(cueFor(viewed, status({ stock: 5 }), null)).toEqual({ kind: 'lowStock', count: 5 });
    expect(cueFor(viewed, status({ stock: 1 }), null)).toEqual({ kind: 'lowStock', count: 1 });
    expect(cueFor(viewed, status({ stock: 0 }), null)).toBeNull();
  });

  it('puts a price drop first, then back in stock, then few left', () => {
    const both = { ...viewed, availability: 'out_of_stock' as const };
    expect(cueFor(both, status({ price: 50, stock: 1 }), null)?.kind).toBe('priceDropped');
    expect(cueFor(both, status({ stock: 1 }), null)?.kind).toBe('backInStock');
  });
});

describe('parseStatusAnswer', () => {
  const asked = new Set(['a', 'b']);

  it('keeps well-formed entries about asked products', () => {
    const answer = { products: [{ id: 'a', price: 5, currency: 'eur', available: true, stock: 3 }, { id: 'b', price: 0, currency: 'SEK', available: false }] };
    expect([...parseStatusAnswer(answer, asked)]).toEqual([
      ['a', { price: 5, currency: 'EUR', available: true, stock: 3 }],
      ['b', { price: 0, currency: 'SEK', available: false }],
    ]);
  });

  it.each([null, 'products', [], { products: null }, { products: {} }])('yields nothing for %j', (answer) => {
    expect(parseStatusAnswer(answer, asked).size).toBe(0);
  });

  it('skips malformed entries and unasked products', () => {
    const answer = {
      products: [
        null,
        { id: 'a', price: Number.NaN, currency: 'EUR', available: true },
        { id: 'a', price: 5, currency: 'EURO', available: true },
        { id: 'a', price: 5, currency: 'EUR', available: 'yes' },
        { id: 'a', price: 5, currency: 'EUR', available: true, stock: 1.5 },
        { id: 'z', price: 5, currency: 'EUR', available: true },
        { id: 'b', price: 7, currency: 'EUR', available: true, stock: null },
      ],
    };
    expect([...parseStatusAnswer(answer, asked)]).toEqual([['b', { price: 7, currency: 'EUR', available: true }]]);
  });
});
