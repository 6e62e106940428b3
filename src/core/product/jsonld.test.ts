import { describe, expect, it } from 'vitest';
import { readJsonLd } from './jsonld';
import { normalizeProduct } from './normalize';

const PAGE = 'https://shop.example/products/item';

const page = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const ld = (json: string) => `<script type="application/ld+json">${json}</script>`;
const products = (html: string) => readJsonLd(page(html)).map((raw) => normalizeProduct(raw, PAGE));

/** What a Shopify theme prints on a product page: one Product, every variant an Offer. */
const SHOPIFY_PRODUCT = `{
  "@context": "http://schema.org/",
  "@type": "Product",
  "name": "Ocean Blue Shirt",
  "url": "https://demo-store.example/products/ocean-blue-shirt",
  "image": ["https://demo-store.example/cdn/shop/products/ocean-blue-shirt_1024x1024.jpg?v=1653"],
  "description": "Ocean blue cotton shirt with a narrow collar and buttons down the front.",
  "sku": "OBS-S",
  "brand": { "@type": "Brand", "name": "partners-demo" },
  "offers": [
    { "@type": "Offer", "sku": "OBS-S", "availability": "http://schema.org/InStock", "price": 50.0, "priceCurrency": "USD",
      "url": "https://demo-store.example/products/ocean-blue-shirt?variant=4082" },
    { "@type": "Offer", "sku": "OBS-M", "availability": "http://schema.org/OutOfStock", "price": 55.0, "priceCurrency": "USD",
      "url": "https://demo-store.example/products/ocean-blue-shirt?variant=4083" }
  ]
}`;

/** Shopify's `structured_data` filter: a ProductGroup whose only prices are on its variants. */
const SHOPIFY_PRODUCT_GROUP = `{"@context":"http://schema.org/","@id":"/products/ocean-blue-shirt#product","@type":"ProductGroup",
  "brand":{"@type":"Brand","name":"partners-demo"},"category":"Shirts","description":"Ocean blue cotton shirt.",
  "hasVariant":[{"@id":"/products/ocean-blue-shirt?variant=4082#variant","@type":"Product",
    "image":"https://demo-store.example/cdn/shop/files/shirt.jpg?v=1&width=1920","name":"Ocean Blue Shirt - S",
    "offers":{"@id":"/products/ocean-blue-shirt?variant=4082#offer","@type":"Offer","availability":"http://schema.org/InStock",
      "price":"50.00","priceCurrency":"USD","url":"https://demo-store.example/products/ocean-blue-shirt?variant=4082"},"sku":"OBS-S"}],
  "name":"Ocean Blue Shirt","productGroupID":"7021","url":"https://demo-store.example/products/ocean-blue-shirt"}`;

/** WooCommerce with Yoast SEO: one @graph whose Product points at its image, offer and brand by @id. */
const YOAST_GRAPH = `{"@context":"https://schema.org","@graph":[
  {"@type":["WebPage","ItemPage"],"@id":"https://shop.example/product/hoodie/","url":"https://shop.example/product/hoodie/",
   "name":"Hoodie - Shop","isPartOf":{"@id":"https://shop.example/#website"},
   "primaryImageOfPage":{"@id":"https://shop.example/product/hoodie/#primaryimage"},"breadcrumb":{"@id":"https://shop.example/product/hoodie/#breadcrumb"}},
  {"@type":"ImageObject","inLanguage":"en-US","@id":"https://shop.example/product/hoodie/#primaryimage",
   "url":"https://shop.example/wp-content/uploads/2024/05/hoodie.jpg","contentUrl":"https://shop.example/wp-content/uploads/2024/05/hoodie.jpg","width":800,"height":800},
  {"@type":"BreadcrumbList","@id":"https://shop.example/product/hoodie/#breadcrumb","itemListElement":[
   {"@type":"ListItem","position":1,"name":"Home","item":"https://shop.example/"},{"@type":"ListItem","position":2,"name":"Hoodie"}]},
  {"@type":"WebSite","@id":"https://shop.example/#website","url":"https://shop.example/","name":"Shop"},
  {"@type":"Organization","@id":"https://shop.example/#organization","name":"Shop","url":"https://shop.example/"},
  {"@type":"Product","@id":"https://shop.example/product/hoodie/#product","name":"Hoodie with Zipper",
   "url":"https://shop.example/product/hoodie/","image":{"@id":"https://shop.example/product/hoodie/#primaryimage"},
   "sku":"woo-hoodie-zip","productID":"woo-117","offers":[{"@id":"https://shop.example/product/hoodie/#/schema/offer/117-0"}],
   "brand":{"@id":"https://shop.example/#organization"},"mainEntityOfPage":{"@id":"https://shop.example/product/hoodie/"}},
  {"@type":"Offer","@id":"https://shop.example/product/hoodie/#/schema/offer/117-0",
   "priceSpecification":[{"@type":"UnitPriceSpecification","price":"45.00","priceCurrency":"EUR","valueAddedTaxIncluded":true}],
   "availability":"https://schema.org/OutOfStock","url":"https://shop.example/product/hoodie/","seller":{"@id":"https://shop.example/#organization"}}
]}`;

describe('readJsonLd', () => {
  it('reads a Shopify product, taking the first offer', () => {
    expect(products(ld(SHOPIFY_PRODUCT))).toEqual([
      {
        id: 'OBS-S',
        name: 'Ocean Blue Shirt',
        url: 'https://demo-store.example/products/ocean-blue-shirt',
        image: 'https://demo-store.example/cdn/shop/products/ocean-blue-shirt_1024x1024.jpg?v=1653',
        price: 50,
        currency: 'USD',
        sku: 'OBS-S',
        availability: 'in_stock',
      },
    ]);
  });

  it('prices a ProductGroup from its first variant and reads its category', () => {
    expect(products(ld(SHOPIFY_PRODUCT_GROUP))).toEqual([
      {
        id: 'https://demo-store.example/products/ocean-blue-shirt',
        name: 'Ocean Blue Shirt',
        url: 'https://demo-store.example/products/ocean-blue-shirt',
        image: null,
        price: 50,
        currency: 'USD',
        sku: null,
        availability: 'in_stock',
        category: 'Shirts',
      },
    ]);
  });

  it('follows @id references through a Yoast @graph to the image object, the offer and its price specification', () => {
    expect(products(ld(YOAST_GRAPH))).toEqual([
      {
        id: 'woo-117',
        name: 'Hoodie with Zipper',
        url: 'https://shop.example/product/hoodie/',
        image: 'https://shop.example/wp-content/uploads/2024/05/hoodie.jpg',
        price: 45,
        currency: 'EUR',
        sku: 'woo-hoodie-zip',
        availability: 'out_of_stock',
      },
    ]);
  });

  it('resolves references to nodes of another block', () => {
    const [product] = products(
      ld(`{"@context":"https://schema.org","@type":"Product","name":"Mug","offers":{"@id":"#offer"}}`) +
        ld(`[{"@context":"https://schema.org","@type":"Offer","@id":"#offer","price":"7.00","priceCurrency":"GBP"}]`),
    );
    expect(product).toMatchObject({ price: 7, currency: 'GBP' });
  });

  it('reads an AggregateOffer by its lowPrice and an array of relative ImageObjects as the first, made absolute', () => {
    const [product] = products(
      ld(`{"@context":"https://schema.org","@type":"http://schema.org/Product","name":"Trail Runner",
        "image":[{"@type":"ImageObject","url":"/img/trail-runner-1.jpg","width":1200},{"@type":"ImageObject","url":"/img/trail-runner-2.jpg"}],
        "offers":{"@type":"AggregateOffer","lowPrice":"89.95","highPrice":"119.95","priceCurrency":"GBP","offerCount":"4"}}`),
    );
    expect(product).toMatchObject({ image: 'https://shop.example/img/trail-runner-1.jpg', price: 89.95, currency: 'GBP' });
  });

  it('reads an ImageObject that has only a contentUrl, and a price specification given as an object', () => {
    const [product] = products(
      ld(`{"@context":"https://schema.org","@type":["Product","Thing"],"name":"Lamp","image":{"@type":"ImageObject","contentUrl":"https://cdn.example/lamp.png"},
        "offers":{"@type":"Offer","priceSpecification":{"@type":"PriceSpecification","price":1299,"priceCurrency":"SEK"}}}`),
    );
    expect(product).toMatchObject({ image: 'https://cdn.example/lamp.png', price: 1299, currency: 'SEK' });
  });

  it('drops a javascript: image', () => {
    const [product] = products(ld(`{"@context":"https://schema.org","@type":"Product","name":"Mug","image":"javascript:alert(document.cookie)"}`));
    expect(product).toMatchObject({ name: 'Mug', image: null });
  });

  it('skips a broken block and still reads the good one after it', () => {
    const html =
      ld(`{"@context":"https://schema.org","@type":"Product","name":"Broken",}`) +
      ld(`{"@context": "https://schema.org", "@type": "Organization", "name": "Shop`) +
      ld('') +
      ld(SHOPIFY_PRODUCT);
    expect(products(html).map((product) => product?.name)).toEqual(['Ocean Blue Shirt']);
  });

  it('reads the products of several blocks and of a top-level array', () => {
    const html =
      ld(`{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[]}`) +
      ld(`[{"@context":"https://schema.org","@type":"Organization","name":"Shop"},{"@context":"https://schema.org","@type":"Product","name":"Mug"}]`) +
      ld(`{"@context":"https://schema.org","@type":"ProductGroup","name":"Mug"}`);
    expect(products(html).map((product) => product?.name)).toEqual(['Mug', 'Mug']);
  });

  it('does not descend into an ItemList: a category page has no product of its own', () => {
    const html = ld(`{"@context":"https://schema.org","@type":"ItemList","itemListElement":[
      {"@type":"ListItem","position":1,"item":{"@type":"Product","name":"Mug","url":"https://shop.example/p/mug","offers":{"@type":"Offer","price":"12"}}},
      {"@type":"ListItem","position":2,"item":{"@type":"Product","name":"Plate","url":"https://shop.example/p/plate"}}]}`);
    expect(readJsonLd(page(html))).toEqual([]);
  });

  it('ignores other types, including an article that reviews a product', () => {
    const html = ld(`{"@context":"https://schema.org","@type":"BlogPosting","headline":"Our favourite mugs",
      "about":{"@type":"Product","name":"Mug"},"review":{"@type":"Review","itemReviewed":{"@type":"Product","name":"Mug"}}}`);
    expect(readJsonLd(page(html))).toEqual([]);
  });

  it('survives values of the wrong shape', () => {
    const html = ld(`[null, 3, "text", {"@type": 7}, {"@type":"Product","name":["Mug"],"offers":"cheap","image":42,
      "sku":{"value":"x"}}, {"@type":"Product","name":"Cup","offers":[null],"image":[null],"@graph":{"@type":"Thing"}}]`);
    expect(products(html)).toEqual([
      null,
      { id: PAGE, name: 'Cup', url: PAGE, image: null, price: null, currency: null, sku: null, availability: null },
    ]);
  });
});
