import type { PageInfo, Product } from '../types';
import { mayHaveProduct } from './product/hint';

type ProductReader = typeof import('./product/index');
let reader: Promise<ProductReader> | null = null;

/** Loads the product reader chunk once per page. */
export function loadProductReader(): Promise<ProductReader> {
  reader ??= import('./product/index');
  return reader;
}

/** How long a late-rendered storefront gets to show its product after a page view. */
export const PRODUCT_WAIT_MS = 10_000;

/** The page as events describe it: canonical-free URL without the fragment, title and referrer. */
export function currentPage(previousUrl?: string): PageInfo {
  // Capped to what the endpoint accepts: one oversized field would make it refuse the whole batch.
  return {
    url: location.href.split('#')[0].slice(0, 2048),
    title: document.title.slice(0, 300),
    referrer: (previousUrl ?? document.referrer).slice(0, 2048),
  };
}

/** A product a page showed, and the URL it was read under (a product without an id takes the URL's). */
export interface ShownProduct {
  product: Product;
  url: string;
}

/**
 * Finds the product on the current page, now or when a storefront renders it later: a
 * MutationObserver re-runs detection (at most every 100 ms) until a new product appears or
 * `PRODUCT_WAIT_MS` passes. The reader chunk loads only once the page shows product markup.
 * `previous` is the product of the page a single-page storefront navigated from: it is never a new
 * product here, so `onProduct` does not get it; after each look that found no new product,
 * `onPrevious` hears whether that product is (still, or again) on the page.
 * Returns the function that stops watching and a promise of the first look at the page (settled
 * once a product found there has been handled), so `regulars:ready` can follow it.
 */
export function watchProduct(
  onProduct: (product: Product) => unknown,
  previous?: ShownProduct | null,
  onPrevious?: (shown: boolean) => void,
): { stop(): void; firstLook: Promise<void> } {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    if (timer === undefined) timer = setTimeout(detect, 100);
  });
  const deadline = setTimeout(() => stop(), PRODUCT_WAIT_MS);
  function stop(): void {
    stopped = true;
    observer.disconnect();
    clearTimeout(deadline);
    if (timer !== undefined) clearTimeout(timer);
  }
  async function detect(): Promise<void> {
    timer = undefined;
    if (stopped) return;
    let product: Product | null = null;
    let again = false;
    if (mayHaveProduct(document)) {
      const reader = await loadProductReader();
      product = reader.detectProduct(document, location.href);
      // Compared as read under the last page's URL, so markup whose id came from that URL is recognised too.
      again = !!product && !!previous && reader.showsProduct(document, previous.product, previous.url);
    }
    if (stopped) return;
    if (product && !again) {
      stop();
      await onProduct(product);
    } else onPrevious?.(again);
  }
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  return { stop, firstLook: detect().catch(() => undefined) };
}

/**
 * Calls `onNavigate` when a single-page storefront changes the URL through the History API or
 * the back button; fragment-only changes are not new pages. No polling: `pushState` and
 * `replaceState` are wrapped (and the wrappers keep the originals' behaviour and return value).
 * Returns the function that stops listening.
 */
export function watchNavigation(onNavigate: (previousUrl: string) => void): () => void {
  let last = location.href.split('#')[0];
  let active = true;
  const check = () => {
    if (!active) return;
    const now = location.href.split('#')[0];
    if (now === last) return;
    const previous = last;
    last = now;
    onNavigate(previous);
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      // After the router's own listeners ran, so the new page's markup has a chance to exist.
      setTimeout(check, 0);
      return result;
    };
  }
  addEventListener('popstate', check);
  return () => {
    // The wrappers stay (another script may have wrapped ours since) but go quiet.
    active = false;
    removeEventListener('popstate', check);
  };
}
