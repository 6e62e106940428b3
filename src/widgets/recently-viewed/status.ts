import type { ViewedProduct } from '../../types';

/** What the endpoint says about one product now (`POST /products/status`). */
export interface ProductStatus {
  price: number;
  currency: string;
  available: boolean;
  stock?: number;
}

/** A reason to go back to a product, worked out from its status now and what the shopper saw. */
export type Cue =
  | { kind: 'priceDropped'; was: number }
  | { kind: 'backInStock' }
  | { kind: 'lowStock'; count: number };

/** "Only N left" shows at this stock or below. */
export const LOW_STOCK_LIMIT = 5;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readStatus(value: Record<string, unknown>): ProductStatus | null {
  const { price, currency, available, stock } = value;
  if (typeof price !== 'number' || !Number.isFinite(price) || price < 0) return null;
  if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency)) return null;
  if (typeof available !== 'boolean') return null;
  if (stock !== undefined && stock !== null && !(typeof stock === 'number' && Number.isInteger(stock) && stock >= 0)) return null;
  return { price, currency: currency.toUpperCase(), available, ...(typeof stock === 'number' ? { stock } : {}) };
}

/**
 * Reads a `POST /products/status` answer into statuses by product id, keeping only the products
 * that were asked about; an answer of the wrong shape yields nothing, a malformed entry is skipped.
 */
export function parseStatusAnswer(answer: unknown, asked: ReadonlySet<string>): Map<string, ProductStatus> {
  const statuses = new Map<string, ProductStatus>();
  if (!isObject(answer) || !Array.isArray(answer.products)) return statuses;
  for (const entry of answer.products) {
    if (!isObject(entry) || typeof entry.id !== 'string' || !asked.has(entry.id)) continue;
    const status = readStatus(entry);
    if (status) statuses.set(entry.id, status);
  }
  return statuses;
}

/**
 * The one cue a card shows, strongest first: a lower price in the same currency, then back in
 * stock, then few left. A product that cannot be bought now gets none.
 */
export function cueFor(viewed: ViewedProduct, status: ProductStatus | undefined, fallbackCurrency: string | null): Cue | null {
  if (!status?.available) return null;
  const seenCurrency = viewed.currency ?? fallbackCurrency;
  // Half a cent absorbs float noise such as 89 vs 88.99999999.
  if (viewed.price !== null && seenCurrency === status.currency && status.price < viewed.price - 0.005) {
    return { kind: 'priceDropped', was: viewed.price };
  }
  if (viewed.availability === 'out_of_stock') return { kind: 'backInStock' };
  if (status.stock !== undefined && status.stock > 0 && status.stock <= LOW_STOCK_LIMIT) return { kind: 'lowStock', count: status.stock };
  return null;
}
