import type { Product } from '../../types';
import { safeHttpUrl } from '../url';

/** Trimmed text with runs of whitespace collapsed, capped at 200 characters; numbers (ids) count as text. */
function cleanText(value: unknown): string | null {
  const text = typeof value == 'number' ? value + '' : typeof value == 'string' ? value.replace(/\s+/g, ' ').trim() : '';
  return text.slice(0, 200) || null;
}

/** An absolute http(s) URL without its fragment, or null. */
function cleanUrl(value: unknown, base: string): string | null {
  return safeHttpUrl(value, base)?.split('#')[0] ?? null;
}

/**
 * Reads a price written as a number or as text in the common notations ("19.99", "19,99", "$1,299.00",
 * "1.299,00 €"): a comma followed by one or two final digits is the decimal mark, any other comma groups
 * thousands ("1,299" is one thousand two hundred ninety-nine); a negative price ("-5"), or letters between
 * digits ("1e309"), is no price.
 */
function cleanPrice(value: unknown): number | null {
  if (typeof value == 'string') {
    // Letters between digits ("1e309", "12x4") are not a price notation: read as digits they would be another number.
    if (/\d\s*[a-z]+\s*\d/i.test(value)) return null;
    // Minus signs stay so that a negative price fails the check below instead of losing its sign.
    const digits = value.replace(/[^\d.,\-\u2212]/g, '');
    value = digits && +(/,\d\d?$/.test(digits) ? digits.replace(/\./g, '').replace(',', '.') : digits.replace(/,/g, ''));
  }
  return typeof value == 'number' && value >= 0 && value < Infinity ? value : null;
}

/**
 * Reads schema.org availability URLs (`https://schema.org/InStock`), their short names, and words such as
 * `in_stock`, `out of stock` or `SoldOut`; pre-orders and back-orders are neither, so they stay unknown.
 */
function cleanAvailability(value: unknown): Product['availability'] {
  // Only letters are compared, so the URL's host and the word's separators fall away.
  const word = typeof value == 'string' ? value.toLowerCase().replace(/[^a-z]/g, '') : '';
  return /(outofstock|soldout|discontinued|^oos)$/.test(word)
    ? 'out_of_stock'
    : /(instock|limitedavailability|onlineonly|instoreonly)$/.test(word)
      ? 'in_stock'
      : null;
}

/**
 * Turns loosely typed product data (a `track('product_viewed', ...)` call or what a page source read)
 * into a `Product`, or null when it has no name or the page is not http(s).
 */
export function normalizeProduct(raw: Record<string, unknown>, pageUrl: string): Product | null {
  const name = cleanText(raw?.name);
  const url = cleanUrl(raw?.url, pageUrl) || cleanUrl(pageUrl, pageUrl);
  if (!name || !url) return null;
  const sku = cleanText(raw.sku);
  const currency = String(raw.currency).trim().toUpperCase();
  const category = cleanText(raw.category);
  const product: Product = {
    id: cleanText(raw.id) || sku || url,
    name,
    url,
    image: cleanUrl(raw.image, pageUrl),
    price: cleanPrice(raw.price),
    currency: /^[A-Z]{3}$/.test(currency) ? currency : null,
    sku,
    availability: cleanAvailability(raw.availability),
  };
  if (category) product.category = category;
  return product;
}
