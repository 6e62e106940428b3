import type { WidgetContext } from '../../../types';
import type { ShopperContext } from './outbox';

/** How many recently viewed products travel with a message. */
const PRODUCTS_SENT = 5;

/** Who the agent talks to, known at once: this page, visits, known customer; the viewed products are read later. */
export function pageContext(context: WidgetContext): ShopperContext {
  return {
    page: { url: location.href.split('#')[0]!, title: document.title.slice(0, 200) },
    products: [],
    visits: context.visit().count,
    knownCustomer: !!context.identity().customer,
  };
}

/** Captures who the agent talks to, without a form: this page, the last viewed products, visits, known customer. */
export async function captureShopperContext(context: WidgetContext): Promise<ShopperContext> {
  const captured = pageContext(context);
  try {
    captured.products = (await context.history.list())
      .slice(0, PRODUCTS_SENT)
      .map(({ id, name, url, price, currency }) => ({ id, name, url, price, currency }));
  } catch {
    // The message matters more than its context.
  }
  return captured;
}
