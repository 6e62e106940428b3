/**
 * True when a schema.org type (a string or a list of them, short or as a URL: `Product`,
 * `http://schema.org/Product`, `ProductGroup`, `IndividualProduct`) names a product.
 */
export function isProductType(type: unknown): boolean {
  return ([] as unknown[]).concat(type).some((name) => typeof name == 'string' && /Product(Group|Model)?$/.test(name));
}
