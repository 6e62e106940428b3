// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS, findDemoProduct } from '../catalog';
import { createEndpointHandler, type ProductLookup } from './handler';
import { call, readError, readJson } from './testing';

// The same lookup shape the demo server injects: the demo catalogue, by id or SKU.
const catalogLookup: ProductLookup = (queries) =>
  queries.flatMap((query) => {
    const product = findDemoProduct(query.id);
    return product ? [{ id: query.id, price: product.price, currency: product.currency, available: product.stock > 0, stock: product.stock }] : [];
  });

describe('POST /products/status', () => {
  it('answers price, currency, availability and stock from the catalogue, leaving out unknown ids', async () => {
    const handler = createEndpointHandler({ products: catalogLookup });
    const response = await call(handler, 'POST', '/products/status?v=1', {
      products: [
        { id: 'rg-1002', url: 'https://shop.example/demo/products/merino-crew.html' },
        { id: 'RG-1003', url: 'https://shop.example/demo/products/canvas-weekender.html' },
        { id: 'unknown-sku', url: 'https://shop.example/nope' },
      ],
    });
    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({
      products: [
        { id: 'rg-1002', price: 129, currency: 'EUR', available: true, stock: 3 },
        { id: 'RG-1003', price: 149.5, currency: 'EUR', available: false, stock: 0 },
      ],
    });
  });

  it('sends only well-formed answers about asked products, once each', async () => {
    const sloppy: ProductLookup = () => [
      { id: 'a', price: 10, currency: 'EUR', available: true },
      { id: 'a', price: 11, currency: 'EUR', available: true },
      { id: 'not-asked', price: 1, currency: 'EUR', available: true },
      { id: 'b', price: Number.NaN, currency: 'EUR', available: true },
    ];
    const handler = createEndpointHandler({ products: sloppy });
    const answer = await readJson(await call(handler, 'POST', '/products/status', { products: [{ id: 'a' }, { id: 'b' }] }));
    expect(answer).toEqual({ products: [{ id: 'a', price: 10, currency: 'EUR', available: true }] });
  });

  it('answers 404 without a catalogue lookup, which turns the badges off', async () => {
    const response = await call(createEndpointHandler(), 'POST', '/products/status', { products: [{ id: 'rg-1001' }] });
    expect(response.status).toBe(404);
    expect((await readError(response)).code).toBe('not_configured');
  });

  it('validates the list', async () => {
    const handler = createEndpointHandler({ products: catalogLookup });
    const tooMany = await call(handler, 'POST', '/products/status', { products: Array.from({ length: 51 }, (_, index) => ({ id: `p${index}` })) });
    expect((await readError(tooMany)).code).toBe('too_many_products');
    expect((await readError(await call(handler, 'POST', '/products/status', { products: [{ url: 'x' }] }))).message).toMatch(/products\[0\]\.id/);
    expect((await readError(await call(handler, 'POST', '/products/status', {}))).message).toMatch(/^products/);
    const all = await readJson<{ products: unknown[] }>(
      await call(handler, 'POST', '/products/status', { products: DEMO_PRODUCTS.map((product) => ({ id: product.id })) }),
    );
    expect(all.products).toHaveLength(DEMO_PRODUCTS.length);
  });
});
