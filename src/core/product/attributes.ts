/**
 * The product a merchant declares in the page with `data-regulars-product`, on any element:
 *
 * - as JSON in the attribute's value:
 *   `<div data-regulars-product='{"id":"981","name":"Mug","price":"12.50","currency":"EUR"}'>`
 * - or with an empty value and one sibling attribute per field on the same element:
 *   `<div data-regulars-product data-regulars-product-name="Mug" data-regulars-product-price="12.50">`
 *
 * The fields are `id`, `name` (required), `price`, `currency`, `image`, `url`, `sku`, `availability` and
 * `category`, in the loose forms `normalizeProduct` accepts. When both forms give a field, the JSON wins;
 * a value that is not a JSON object leaves the sibling attributes alone.
 */

/** The product fields a merchant can set as `data-regulars-product-<field>` attributes. */
const FIELDS = 'id name price currency image url sku availability category'.split(' ');

/** Reads the products declared with `data-regulars-product`, one per element. */
export function readAttributes(doc: Document): Record<string, unknown>[] {
  return Array.from(doc.querySelectorAll('[data-regulars-product]'), (element) => {
    let raw: Record<string, unknown> = {};
    for (const field of FIELDS) raw[field] = element.getAttribute('data-regulars-product-' + field);
    try {
      // Spreading keeps a "__proto__" key an ordinary field, and a value that is not an object adds no named field.
      raw = { ...raw, ...JSON.parse(element.getAttribute('data-regulars-product')!) };
    } catch {
      // An empty or malformed value leaves the sibling attributes as the only source.
    }
    return raw;
  });
}
