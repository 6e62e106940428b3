import { isProductType } from './schema';

/** The element carrying property `name` of the item `scope`, skipping properties of items nested in it. */
function property(scope: Element, name: string): Element | undefined {
  for (const element of scope.querySelectorAll(`[itemprop~="${name}"]`)) {
    if (element.parentElement!.closest('[itemscope]') == scope) return element;
  }
}

/**
 * A property's value: `content` first (how shops mark up prices and currencies), then a link's href or a
 * media element's src (only those elements carry them), then the text.
 */
function value(element: Element | undefined): string | null | undefined {
  return (
    element &&
    (element.getAttribute('content') ?? element.getAttribute('href') ?? element.getAttribute('src') ?? element.textContent)
  );
}

/**
 * Reads the schema.org products marked up with microdata (`itemscope itemtype=".../Product"`), leaving out
 * products nested inside another one (related items, variants).
 */
export function readMicrodata(doc: Document): Record<string, unknown>[] {
  const selector = '[itemscope][itemtype*=Product]';
  return Array.from(doc.querySelectorAll(selector))
    .filter((item) => isProductType(item.getAttribute('itemtype')!.split(' ')) && !item.parentElement?.closest(selector))
    .map((item) => {
      const read = (name: string, scope = item) => value(property(scope, name));
      const offer = property(item, 'offers') ?? item;
      return {
        id: read('productID'),
        name: read('name'),
        url: read('url'),
        image: read('image'),
        price: read('price', offer) ?? read('lowPrice', offer),
        currency: read('priceCurrency', offer),
        sku: read('sku'),
        availability: read('availability', offer),
        category: read('category'),
      };
    });
}
