/**
 * `POST /products/status`: live price and stock of the products a shopper viewed, from the
 * merchant's catalogue lookup, so the recently-viewed strip can say "price dropped" or
 * "back in stock". Without a lookup the route answers 404, which turns those badges off.
 */
import type { RouteContext } from './context';
import { HttpError, json } from './http';
import type { ProductQuery, ProductStatus } from './options';
import { optionalString, requireArray, requireObject, requireString } from './validate';

/** Most products asked about at once (the recently-viewed list is shorter). */
export const MAX_PRODUCTS_PER_REQUEST = 50;

function wellFormed(status: ProductStatus): boolean {
  return (
    typeof status.id === 'string' &&
    typeof status.price === 'number' &&
    Number.isFinite(status.price) &&
    typeof status.currency === 'string' &&
    typeof status.available === 'boolean'
  );
}

/** Answers the live status of the asked products; unknown ids are left out. */
export async function postProductStatus(context: RouteContext): Promise<Response> {
  const lookup = context.options.products;
  if (!lookup) throw new HttpError(404, 'not_configured', 'This shop does not publish product status.');
  // Each request reaches the merchant's catalogue, so it has a limit of its own.
  await context.limit('products');
  const body = await context.body();
  const list = requireArray(body.products, 'products', MAX_PRODUCTS_PER_REQUEST, 'too_many_products');
  const queries: ProductQuery[] = list.map((value, index) => {
    const item = requireObject(value, `products[${index}]`);
    const url = optionalString(item.url, { path: `products[${index}].url`, max: 2048 });
    return { id: requireString(item.id, { path: `products[${index}].id`, max: 256 }), ...(url ? { url } : {}) };
  });
  const asked = new Set(queries.map((query) => query.id));
  const found = queries.length > 0 ? await lookup(queries) : [];
  // Only well-formed answers about asked ids go out, once each, whatever the lookup returned.
  const answered = new Set<string>();
  const products = found.filter((status) => {
    if (!wellFormed(status) || !asked.has(status.id) || answered.has(status.id)) return false;
    answered.add(status.id);
    return true;
  });
  return json(200, {
    products: products.map(({ id, price, currency, available, stock }) => ({
      id,
      price,
      currency,
      available,
      ...(typeof stock === 'number' ? { stock } : {}),
    })),
  });
}
