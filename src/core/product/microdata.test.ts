import { describe, expect, it } from 'vitest';
import { readMicrodata } from './microdata';
import { normalizeProduct } from './normalize';

const PAGE = 'https://luma.example/joust-duffle-bag.html';

const page = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const products = (html: string) => readMicrodata(page(html)).map((raw) => normalizeProduct(raw, PAGE));

/** A Magento 2 (Luma) product page: the Product scope is the main column, the price sits in an Offer as meta tags. */
const MAGENTO = `
<main id="maincontent" class="page-main">
  <div class="columns"><div class="column main" itemscope itemtype="http://schema.org/Product">
    <div class="product-info-main">
      <div class="page-title-wrapper product">
        <h1 class="page-title"><span class="base" data-ui-id="page-title-wrapper" itemprop="name">Joust   Duffle
          Bag</span></h1>
      </div>
      <div class="product-info-price">
        <div class="price-box price-final_price" data-role="priceBox" data-product-id="1" data-price-box="product-id-1">
          <span class="price-container price-final_price tax weee" itemprop="offers" itemscope itemtype="http://schema.org/Offer">
            <span id="product-price-1" data-price-amount="34" data-price-type="finalPrice" class="price-wrapper"><span class="price">$34.00</span></span>
            <meta itemprop="price" content="34" />
            <meta itemprop="priceCurrency" content="USD" />
            <link itemprop="availability" href="http://schema.org/InStock" />
          </span>
        </div>
        <div class="product-info-stock-sku">
          <div class="stock available" title="Availability"><span>In stock</span></div>
          <div class="product attribute sku"><strong class="type">SKU</strong><div class="value" itemprop="sku">24-MB01</div></div>
        </div>
      </div>
    </div>
    <div class="product media">
      <img itemprop="image" alt="Joust Duffle Bag" src="/media/catalog/product/m/b/mb01-blue-0.jpg">
    </div>
  </div></div>
</main>`;

describe('readMicrodata', () => {
  it('reads a Magento product page', () => {
    expect(products(MAGENTO)).toEqual([
      {
        id: '24-MB01',
        name: 'Joust Duffle Bag',
        url: PAGE,
        image: 'https://luma.example/media/catalog/product/m/b/mb01-blue-0.jpg',
        price: 34,
        currency: 'USD',
        sku: '24-MB01',
        availability: 'in_stock',
      },
    ]);
  });

  it('prefers the content attribute over the visible text, and reads availability and image from content', () => {
    const [product] = products(`
      <div itemscope itemtype="https://schema.org/Product">
        <meta itemprop="productID" content="isbn:978-3-16" />
        <meta itemprop="image" content="https://cdn.example/book.jpg" />
        <h1 itemprop="name">Notebook</h1>
        <span itemprop="category">Paper</span>
        <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
          <span itemprop="price" content="1299.00">1.299,00 €</span>
          <span itemprop="priceCurrency" content="EUR">€</span>
          <meta itemprop="availability" content="https://schema.org/OutOfStock" />
        </div>
      </div>`);
    expect(product).toEqual({
      id: 'isbn:978-3-16',
      name: 'Notebook',
      url: PAGE,
      image: 'https://cdn.example/book.jpg',
      price: 1299,
      currency: 'EUR',
      sku: null,
      availability: 'out_of_stock',
      category: 'Paper',
    });
  });

  it('reads the price from the text when there is no content attribute, and an image from a link', () => {
    const [product] = products(`
      <article itemscope itemtype="http://schema.org/Product">
        <a itemprop="image" href="/img/lamp-large.jpg"><img src="/img/lamp-small.jpg" alt=""></a>
        <span itemprop="name">Lamp</span>
        <span itemprop="offers" itemscope itemtype="http://schema.org/Offer">
          <span itemprop="priceCurrency">SEK</span> <span itemprop="price">1 499,50</span>
        </span>
      </article>`);
    expect(product).toMatchObject({ image: 'https://luma.example/img/lamp-large.jpg', price: 1499.5, currency: 'SEK' });
  });

  it('reads an AggregateOffer by its lowPrice', () => {
    const [product] = products(`
      <div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Chair</span>
        <div itemprop="offers" itemscope itemtype="https://schema.org/AggregateOffer">
          <meta itemprop="lowPrice" content="89.00"><meta itemprop="highPrice" content="129.00"><meta itemprop="priceCurrency" content="EUR">
        </div></div>`);
    expect(product).toMatchObject({ price: 89, currency: 'EUR' });
  });

  it('takes each property from the product itself, not from an item nested in it', () => {
    const [product, ...others] = products(`
      <div itemscope itemtype="https://schema.org/Product">
        <div itemprop="brand" itemscope itemtype="https://schema.org/Brand"><span itemprop="name">Acme</span></div>
        <h1 itemprop="name">Anvil</h1>
        <div itemprop="isRelatedTo" itemscope itemtype="https://schema.org/Product">
          <span itemprop="name">Hammer</span><meta itemprop="sku" content="HAM-1">
        </div>
      </div>`);
    expect(product).toMatchObject({ name: 'Anvil', sku: null });
    expect(others).toEqual([]);
  });

  it('finds a product that is the main entity of a WebPage item', () => {
    const names = products(`
      <body itemscope itemtype="https://schema.org/WebPage"><span itemprop="name">Shop - Kettle</span>
        <div itemprop="mainEntity" itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Kettle</h1></div>
      </body>`).map((product) => product?.name);
    expect(names).toEqual(['Kettle']);
  });

  it('reads every top-level product of a listing', () => {
    const names = products(`
      <ul><li itemscope itemtype="https://schema.org/Product"><span itemprop="name">Mug</span></li>
      <li itemscope itemtype="https://schema.org/Product"><span itemprop="name">Plate</span></li></ul>`).map((product) => product?.name);
    expect(names).toEqual(['Mug', 'Plate']);
  });

  it('ignores items of other types whose name merely contains "Product"', () => {
    expect(readMicrodata(page('<div itemscope itemtype="https://schema.org/ProductCollection"><span itemprop="name">Set</span></div>'))).toEqual([]);
    expect(readMicrodata(page('<div itemtype="https://schema.org/Product"><span itemprop="name">No scope</span></div>'))).toEqual([]);
  });
});
