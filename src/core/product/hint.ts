/** Markup that may describe a product: each source detectProduct reads, matched without parsing anything. */
const PRODUCT_MARKUP = [
  '[data-regulars-product]',
  'script[type="application/ld+json"]',
  '[itemtype*="schema.org/Product"]',
  '[itemtype*="schema.org/IndividualProduct"]',
  'meta[property^="product:"]',
  'meta[property="og:type"][content="product"]',
].join(',');

/** Whether the page carries markup worth loading the product reader for (one cheap selector query). */
export function mayHaveProduct(doc: Document): boolean {
  return doc.querySelector(PRODUCT_MARKUP) !== null;
}
