/**
 * The late-rendered product page, built like a headless storefront: the server ships an empty shell and
 * the product as JSON state; half a second after `load` this script renders the product and only then
 * adds its JSON-LD, so Regulars must notice a product that appears after the page finished loading.
 */

/** The product state the page ships in `<script type="application/json" id="storefront-state">`. */
export interface StorefrontProduct {
  id: string;
  sku: string;
  name: string;
  path: string;
  image: string;
  alt: string;
  price: number;
  currency: string;
  stock: number;
  category: string;
  description: string;
  more: string;
  details: [string, string][];
}

/** How long after `load` the product appears, like a storefront waiting on its API. */
export const RENDER_DELAY_MS = 500;

const STORE_NAME = 'Regulars Outfitters';

type Build = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes?: Record<string, string>,
  ...children: (Node | string)[]
) => HTMLElementTagNameMap[K];

// Elements are created by the document they render into, so the page and its tests build the same way.
function builder(doc: Document): Build {
  return (tag, attributes = {}, ...children) => {
    const node = doc.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  };
}

function formatPrice(product: StorefrontProduct): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency: product.currency }).format(product.price);
}

function stockNote(product: StorefrontProduct): { text: string; kind: string } {
  if (product.stock <= 0) return { text: 'Sold out', kind: 'out' };
  if (product.stock <= 10) return { text: `Only ${product.stock} left`, kind: 'low' };
  return { text: 'In stock', kind: 'in' };
}

/** Reads the product state the page ships, or null when it is missing or malformed. */
export function readStorefrontState(doc: Document): StorefrontProduct | null {
  try {
    const state = JSON.parse(doc.getElementById('storefront-state')?.textContent ?? '');
    return state && typeof state.product === 'object' && typeof state.product.name === 'string' ? state.product : null;
  } catch {
    return null;
  }
}

/** Builds the schema.org Product a headless storefront adds to the head once it has rendered. */
export function productJsonLd(product: StorefrontProduct): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    productID: product.id,
    sku: product.sku,
    name: product.name,
    description: product.description,
    url: product.path,
    image: product.image,
    category: product.category,
    brand: { '@type': 'Brand', name: STORE_NAME },
    offers: {
      '@type': 'Offer',
      price: product.price.toFixed(2),
      priceCurrency: product.currency,
      availability: `https://schema.org/${product.stock > 0 ? 'InStock' : 'OutOfStock'}`,
      url: product.path,
    },
  };
}

function breadcrumbs(element: Build, product: StorefrontProduct): HTMLElement {
  return element(
    'nav',
    { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' },
    element(
      'ol',
      {},
      element('li', {}, element('a', { href: '/' }, 'Home')),
      element('li', {}, element('a', { href: '/demo/category.html' }, 'Shop')),
      element('li', {}, element('span', { 'aria-current': 'page' }, product.name)),
    ),
  );
}

function buyBox(element: Build, product: StorefrontProduct): HTMLElement {
  const box = element('div', { class: 'buy' });
  if (product.stock > 0) {
    const quantity = element('select', { id: 'quantity', name: 'quantity' });
    for (const count of ['1', '2', '3', '4']) quantity.append(element('option', {}, count));
    box.append(
      element('div', { class: 'buy__field' }, element('label', { for: 'quantity' }, 'Quantity'), quantity),
      element(
        'button',
        { type: 'button', class: 'button', 'data-demo-add-to-bag': '', 'data-demo-product-name': product.name },
        'Add to bag',
      ),
    );
  } else {
    box.append(element('button', { type: 'button', class: 'button', disabled: '' }, 'Sold out'));
  }
  box.append(element('p', { class: 'buy__status', role: 'status' }));
  return box;
}

/** Builds the product's visible layout, the same as the store's server-rendered product pages. */
export function productArticle(doc: Document, product: StorefrontProduct): HTMLElement {
  const element = builder(doc);
  const stock = stockNote(product);
  const details = element('dl', { class: 'details' }, element('dt', {}, 'SKU'), element('dd', {}, product.sku));
  for (const [term, value] of product.details) details.append(element('dt', {}, term), element('dd', {}, value));
  return element(
    'article',
    { class: 'product' },
    element(
      'div',
      { class: 'product__media' },
      element('img', { src: product.image, alt: product.alt, width: '800', height: '800' }),
    ),
    element(
      'div',
      { class: 'product__info' },
      element('p', { class: 'product__category' }, product.category),
      element('h1', {}, product.name),
      element('p', { class: 'product__price' }, `${formatPrice(product)} `, element('small', {}, 'incl. VAT')),
      element('p', { class: `stock stock--${stock.kind}` }, stock.text),
      buyBox(element, product),
      element(
        'div',
        { class: 'product__description' },
        element('p', {}, product.description),
        element('p', {}, product.more),
      ),
      details,
    ),
  );
}

/** Replaces the page's skeleton with the product and then adds the product's JSON-LD to the head. */
export function renderLateProduct(root: HTMLElement, product: StorefrontProduct): void {
  const doc = root.ownerDocument;
  root.replaceChildren(breadcrumbs(builder(doc), product), productArticle(doc, product));
  root.removeAttribute('aria-busy');
  doc.title = `${product.name} · ${STORE_NAME}`;
  const jsonLd = doc.createElement('script');
  jsonLd.type = 'application/ld+json';
  jsonLd.textContent = JSON.stringify(productJsonLd(product));
  doc.head.append(jsonLd);
}

/** Renders the product RENDER_DELAY_MS after the page's `load` event. */
export function scheduleLateProduct(root: HTMLElement): void {
  const page = root.ownerDocument;
  const product = readStorefrontState(page);
  if (!product) return;
  const later = () => setTimeout(() => renderLateProduct(root, product), RENDER_DELAY_MS);
  if (page.readyState === 'complete') later();
  else addEventListener('load', later, { once: true });
}

const root = document.querySelector<HTMLElement>('[data-demo-late-product]');
if (root) scheduleLateProduct(root);
