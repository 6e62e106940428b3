import { isProductType } from './schema';

type JsonNode = Record<string, unknown>;

/**
 * Reads the schema.org products described at the top level of the page's JSON-LD blocks, arrays and `@graph`
 * included (products nested in an `ItemList` or a review are not this page's product).
 */
export function readJsonLd(doc: Document): Record<string, unknown>[] {
  const nodes: JsonNode[] = [];
  const byId = new Map<unknown, JsonNode>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value == 'object') {
      const node = value as JsonNode;
      nodes.push(node);
      if (node['@id']) byId.set(node['@id'], node);
      collect(node['@graph']);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      collect(JSON.parse(script.textContent!));
    } catch {
      // Each block parses on its own, so a broken one costs only itself.
    }
  }
  // The first item of a list, with an `{"@id": ...}` reference replaced by the node it names.
  const first = (value: unknown): unknown => {
    const item: unknown = Array.isArray(value) ? value[0] : value;
    return (item && byId.get((item as JsonNode)['@id'])) || item;
  };
  const object = (value: unknown): JsonNode => {
    const item = first(value);
    return item && typeof item == 'object' ? (item as JsonNode) : {};
  };
  return nodes
    .filter((node) => isProductType(node['@type']))
    .map((node) => {
      // A ProductGroup usually prices only its variants.
      const offer = object(node.offers || object(node.hasVariant).offers);
      const specification = object(offer.priceSpecification);
      const image = object(node.image);
      return {
        id: node.productID,
        name: node.name,
        url: node.url,
        image: image.url ?? image.contentUrl ?? first(node.image),
        price: offer.price ?? offer.lowPrice ?? specification.price,
        currency: offer.priceCurrency ?? specification.priceCurrency,
        sku: node.sku ?? offer.sku,
        availability: offer.availability,
        category: node.category,
      };
    });
}
