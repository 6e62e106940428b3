/**
 * The demo store's catalogue: the one source for the product pages' markup,
 * the category page and the reference endpoint's `POST /products/status` answers.
 */

/** How a demo product page publishes its product, so each detection source has a real page. */
export type MarkupStyle =
  | 'json-ld-graph'
  | 'json-ld-aggregate-offer'
  | 'microdata'
  | 'open-graph'
  | 'data-attributes'
  | 'late-rendered'
  | 'json-ld-broken-block';

/** One product of the demo store. */
export interface DemoProduct {
  id: string;
  sku: string;
  name: string;
  /** Path of the product page, relative to the demo server's origin. */
  path: string;
  /** Path of the product image (SVG), relative to the demo server's origin. */
  image: string;
  price: number;
  currency: string;
  /** Units in stock; 0 is out of stock. */
  stock: number;
  category: string;
  description: string;
  markup: MarkupStyle;
}

/** The demo catalogue, in the order the category page lists it. */
export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    id: 'rg-1001', sku: 'RG-1001', name: 'Linen Overshirt', path: '/demo/products/linen-overshirt.html',
    image: '/demo/assets/img/linen-overshirt.svg', price: 89, currency: 'EUR', stock: 14, category: 'Shirts',
    description: 'A breathable overshirt in washed European linen.', markup: 'json-ld-graph',
  },
  {
    id: 'rg-1002', sku: 'RG-1002', name: 'Merino Crew Sweater', path: '/demo/products/merino-crew.html',
    image: '/demo/assets/img/merino-crew.svg', price: 129, currency: 'EUR', stock: 3, category: 'Knitwear',
    description: 'Fine-gauge merino wool that keeps its shape.', markup: 'json-ld-aggregate-offer',
  },
  {
    id: 'rg-1003', sku: 'RG-1003', name: 'Canvas Weekender Bag', path: '/demo/products/canvas-weekender.html',
    image: '/demo/assets/img/canvas-weekender.svg', price: 149.5, currency: 'EUR', stock: 0, category: 'Bags',
    description: 'Waxed canvas, leather handles, room for three days.', markup: 'microdata',
  },
  {
    id: 'rg-1004', sku: 'RG-1004', name: 'Ceramic Pour-Over Set', path: '/demo/products/pour-over-set.html',
    image: '/demo/assets/img/pour-over-set.svg', price: 54.9, currency: 'EUR', stock: 22, category: 'Home',
    description: 'Hand-glazed dripper, carafe and two cups.', markup: 'open-graph',
  },
  {
    id: 'rg-1005', sku: 'RG-1005', name: 'Wool Beanie', path: '/demo/products/wool-beanie.html',
    image: '/demo/assets/img/wool-beanie.svg', price: 29, currency: 'EUR', stock: 40, category: 'Accessories',
    description: 'Ribbed lambswool, one size.', markup: 'data-attributes',
  },
  {
    id: 'rg-1006', sku: 'RG-1006', name: 'Leather Card Holder', path: '/demo/products/card-holder.html',
    image: '/demo/assets/img/card-holder.svg', price: 39, currency: 'EUR', stock: 8, category: 'Accessories',
    description: 'Vegetable-tanned leather, four card slots.', markup: 'late-rendered',
  },
  {
    id: 'rg-1007', sku: 'RG-1007', name: 'Trail Running Socks', path: '/demo/products/trail-socks.html',
    image: '/demo/assets/img/trail-socks.svg', price: 18, currency: 'EUR', stock: 60, category: 'Accessories',
    description: 'Cushioned merino blend for long miles.', markup: 'json-ld-broken-block',
  },
];

/** Finds a demo product by id or SKU. */
export function findDemoProduct(idOrSku: string): DemoProduct | undefined {
  return DEMO_PRODUCTS.find((product) => product.id === idOrSku || product.sku === idOrSku);
}
