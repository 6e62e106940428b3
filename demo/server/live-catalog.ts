/**
 * The demo shop's live catalogue: the demo catalogue's prices and stock, patchable while the
 * server runs (as a back office would), and the product lookup the reference endpoint answers from.
 */
import { DEMO_PRODUCTS, findDemoProduct, type DemoProduct } from '../catalog';
import type { ProductQuery, ProductStatus } from '../endpoint/handler';

/** A change of a product's live price or stock. */
export interface CatalogPatch {
  id: string;
  price?: number;
  stock?: number;
}

/** The live catalogue. */
export interface LiveCatalog {
  /** Every product with its live price and stock. */
  list(): DemoProduct[];
  /** Applies a patch; returns the patched product, or null for an unknown id or SKU. */
  patch(patch: CatalogPatch): DemoProduct | null;
  /** Restores the demo catalogue's prices and stock. */
  reset(): void;
  /** Answers `POST /products/status` queries by id, SKU or product page path. */
  lookup(queries: ProductQuery[]): ProductStatus[];
}

function pathOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url, 'http://demo.invalid').pathname;
  } catch {
    return null;
  }
}

/** Creates a live catalogue starting from the demo catalogue. */
export function createLiveCatalog(): LiveCatalog {
  let products = new Map<string, DemoProduct>();
  const reset = (): void => {
    products = new Map(DEMO_PRODUCTS.map((product) => [product.id, { ...product }]));
  };
  reset();

  const find = (query: ProductQuery): DemoProduct | undefined => {
    // A product without a SKU is identified by its URL, so the id itself may be the page's URL.
    const paths = [pathOf(query.url), query.id.includes('/') ? pathOf(query.id) : null];
    const known = findDemoProduct(query.id) ?? DEMO_PRODUCTS.find((product) => paths.includes(product.path));
    return known ? products.get(known.id) : undefined;
  };

  return {
    list: () => [...products.values()].map((product) => ({ ...product })),
    patch(patch) {
      const product = find({ id: patch.id });
      if (!product) return null;
      if (patch.price !== undefined) product.price = patch.price;
      if (patch.stock !== undefined) product.stock = patch.stock;
      return { ...product };
    },
    reset,
    lookup(queries) {
      return queries.flatMap((query) => {
        const product = find(query);
        // The answer names the product by the id the bundle asked with, whichever of id, SKU or URL matched.
        return product
          ? [{ id: query.id, price: product.price, currency: product.currency, available: product.stock > 0, stock: product.stock }]
          : [];
      });
    },
  };
}
