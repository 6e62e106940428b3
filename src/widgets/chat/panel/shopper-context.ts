import type { WidgetContext } from '../../../types';
import type { ShopperContext } from './outbox';

/** How many recently viewed products travel with a message. */
const PRODUCTS_SENT = 5;

/** Captures who the agent talks to, without a form: this page, the last viewed products, visits, known customer. */
export async function captureShopperContext(context: WidgetContext): Promise<ShopperContext> {
  let products: ShopperContext['products'] = [];
  try {
    products = (await context.history.list())
      .slice(0, PRODUCTS_SENT)
      .map(({ id, name, url, price, currency }) => ({ id, name, url, price, currency }));
  } catch {
    // The message matters more than its context.
  }
  return {
    page: { url: location.href.split('#')[0]!, title: document.title.slice(0, 200) },
    products,
    visits: context.visit().count,
    knownCustomer: !!context.identity().customer,
  };
}
