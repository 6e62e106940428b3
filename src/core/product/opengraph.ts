/**
 * Reads the product described by Open Graph tags: a page counts when its `og:type` is `product` (or
 * `product.item`), or when it carries a price and its type says nothing else (`article` and the
 * listing type `product.group` never count, whatever tags they carry).
 */
export function readOpenGraph(doc: Document): Record<string, unknown>[] {
  const tags: Record<string, string | null> = {};
  // The first tag of a name wins, as for og:image where the first is the main picture.
  for (const meta of doc.querySelectorAll('meta[property],meta[name]')) {
    tags[meta.getAttribute('property') || meta.getAttribute('name')!] ??= meta.getAttribute('content');
  }
  // Shops write product facts as `product:*` (the Open Graph product type) or as `og:*`.
  const tag = (name: string) => tags['product:' + name] ?? tags['og:' + name];
  const type = tag('type') ?? '';
  const price = tag('price:amount');
  return /^product(\.item)?$/.test(type) || (price && !/article|group/.test(type))
    ? [
        {
          id: tag('retailer_item_id'),
          name: tag('title'),
          url: tag('url'),
          image: tag('image'),
          price,
          currency: tag('price:currency'),
          availability: tag('availability'),
        },
      ]
    : [];
}
