/**
 * Product detection on a storefront page. The first source that describes a product decides; when it
 * describes several different products (a category page) the page has no product, and an article has none
 * because it marks up no Product of its own. The product URL is the page's `<link rel="canonical">`, else the
 * one the source gives, else the page URL without its fragment; a merchant's `data-regulars-product-url`
 * wins over the canonical because it may describe a quick view opened on a listing page.
 * Detection only reads the DOM and keeps no state, so the loader can run it again whenever the page changes.
 */
import type { Product } from '../../types';
import { safeHttpUrl } from '../url';
import { readAttributes } from './attributes';
import { readJsonLd } from './jsonld';
import { readMicrodata } from './microdata';
import { normalizeProduct } from './normalize';
import { readOpenGraph } from './opengraph';

/** The page sources, most explicit first: the merchant's own attributes, then schema.org, then Open Graph. */
const SOURCES = [readAttributes, readJsonLd, readMicrodata, readOpenGraph];

/** Finds the product this page is about, or null when it is not a product page. */
export function detectProduct(doc: Document, pageUrl: string): Product | null {
  const canonical = safeHttpUrl(doc.querySelector('link[rel~=canonical]')?.getAttribute('href'), pageUrl);
  for (let source = 0; source < SOURCES.length; source++) {
    try {
      const products = SOURCES[source](doc)
        .map((raw) => normalizeProduct({ ...raw, url: source ? canonical || raw.url : raw.url || canonical }, pageUrl))
        .filter((product) => product != null);
      if (products[0]) return products.some((product) => product.name != products[0].name) ? null : products[0];
    } catch {
      // A page whose markup trips one reader still gets the others.
    }
  }
  return null;
}

/**
 * Whether the page's markup still describes `product`, the product read earlier under `url`.
 * The page is read as it was then: a product without an id or SKU takes its id from the page URL,
 * so the same markup read under a new URL would look like another product. The name must match
 * too, since another product without an id would take the same id from `url`.
 */
export function showsProduct(doc: Document, product: Product, url: string): boolean {
  const shown = detectProduct(doc, url);
  return shown?.id === product.id && shown.name === product.name;
}
