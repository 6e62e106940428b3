import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { Translator } from '../../core/i18n';
import { safeHttpUrl } from '../../core/url';
import type { Product, ViewedProduct, WidgetContext } from '../../types';
import type { RecentlyViewedOptions } from './options';
import { cueFor, parseStatusAnswer, type Cue, type ProductStatus } from './status';

/** One card of the strip, ready to render: only http(s) URLs, prices already formatted. */
export interface Card {
  id: string;
  name: string;
  url: string;
  image: string | null;
  /** The endpoint's price when it answered, else the price seen at view time; null when unknown. */
  price: string | null;
  /** The price seen at view time, shown beside a lower price. */
  was: string | null;
  cue: Cue | null;
  /** 1-based place in the strip, as reported in `recently_viewed_clicked`. */
  position: number;
  product: Product;
}

/** How long the first render waits for fresh prices, so the strip rarely appears with a stale one. */
export const STATUS_WAIT_MS = 1500;
/** How long a status request may take before the strip gives up on cues for it. */
export const STATUS_TIMEOUT_MS = 6000;

/** The strip's state and what the shopper can do with it. */
export interface RecentlyViewedModel {
  cards: ReadonlySignal<Card[]>;
  /** False until the history was read and fresh prices arrived or stopped being waited for. */
  ready: ReadonlySignal<boolean>;
  /** True once the shopper cleared the history on this page. */
  cleared: ReadonlySignal<boolean>;
  load(): Promise<void>;
  clear(): Promise<void>;
  /** Records a click through to a card's product. */
  open(card: Card): void;
  /** Records, once per page, that the strip was on screen. */
  seen(): void;
  /** Tells the model whether any part of the strip is on screen; changes to the list wait while it is. */
  onScreen(visible: boolean): void;
  dispose(): void;
}

/** Settles when `promise` does or after `ms`, whichever comes first, leaving no timer behind. */
function atMost(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise, deadline]).then(() => clearTimeout(timer));
}

function sameProduct(item: ViewedProduct, current: Product | null): boolean {
  return !!current && (item.id === current.id || item.url === current.url);
}

/** Creates the model; it follows the history (this tab and others) until disposed. */
export function createRecentlyViewedModel(
  context: WidgetContext,
  options: RecentlyViewedOptions,
  translator: Translator,
  timing: { waitMs: number; timeoutMs: number } = { waitMs: STATUS_WAIT_MS, timeoutMs: STATUS_TIMEOUT_MS },
): RecentlyViewedModel {
  const items = signal<ViewedProduct[]>([]);
  const statuses = signal<ReadonlyMap<string, ProductStatus>>(new Map());
  const ready = signal(false);
  const cleared = signal(false);
  const asked = new Set<string>();
  const fallbackCurrency = context.config.currency;
  let statusUnsupported = false;
  let visible = false;
  let pending: ViewedProduct[] | null = null;
  let generation = 0;
  let shown = false;
  let disposed = false;

  const format = (amount: number | null, currency: string | null) =>
    amount === null || !currency ? null : translator.price(amount, currency);

  const cards = computed<Card[]>(() =>
    items.value.map((item, index) => {
      const status = statuses.value.get(item.id);
      const cue = cueFor(item, status, fallbackCurrency);
      const { viewedAt: _viewedAt, ...product } = item;
      return {
        id: item.id,
        name: item.name,
        url: item.url,
        image: safeHttpUrl(item.image),
        price: status ? format(status.price, status.currency) : format(item.price, item.currency ?? fallbackCurrency),
        was: cue?.kind === 'priceDropped' ? format(cue.was, status!.currency) : null,
        cue,
        position: index + 1,
        product,
      };
    }),
  );

  /** The products the strip shows: not this page's, only linkable and named ones, at most `max`. */
  function pick(list: ViewedProduct[]): ViewedProduct[] {
    const current = context.history.current();
    return list
      .filter((item) => !sameProduct(item, current) && typeof item.name === 'string' && item.name.trim() !== '')
      .map((item) => ({ ...item, url: safeHttpUrl(item.url) ?? '' }))
      .filter((item) => item.url !== '')
      .slice(0, options.max);
  }

  /**
   * Shows `list`, unless the strip is on screen and the cards would move (another tab viewed or
   * cleared something): then the change waits until the strip is off screen, so the shopper never
   * sees cards jump under the pointer and the page records no layout shift.
   * One change cannot wait: the product of this page, when the page showed it only after the strip
   * appeared. The strip never lists the page the shopper is on, and on a page where the strip stays
   * on screen, waiting would mean forever. So only that card leaves at once: the others keep their
   * order (only the cards after it move, one place, once) and any other change still waits. Should
   * it be the only card, the strip takes the waiting list (or goes) rather than list this page alone.
   */
  function show(list: ViewedProduct[]): void {
    const current = context.history.current();
    const kept = items.value.filter((item) => !sameProduct(item, current));
    const moves = list.length !== kept.length || list.some((item, index) => item.id !== kept[index]!.id);
    if (visible && moves && kept.length > 0) {
      pending = list;
      if (kept.length < items.value.length) items.value = kept;
      return;
    }
    pending = null;
    items.value = list;
  }

  async function refreshStatus(list: ViewedProduct[]): Promise<void> {
    if (!options.cues || !context.endpoint || statusUnsupported) return;
    const missing = list.filter((item) => !asked.has(item.id));
    if (missing.length === 0) return;
    for (const item of missing) asked.add(item.id);
    try {
      const answer = await context.endpoint.request<unknown>('/products/status', {
        method: 'POST',
        body: { products: missing.map(({ id, url }) => ({ id, url })) },
        timeoutMs: timing.timeoutMs,
      });
      const fresh = parseStatusAnswer(answer, new Set(missing.map((item) => item.id)));
      if (!disposed && fresh.size > 0) statuses.value = new Map([...statuses.value, ...fresh]);
    } catch (error) {
      // A 404 means this endpoint offers no cues: stop asking on this page. Any other failure
      // (offline, timeout, 5xx) only costs the cues; the strip keeps the prices seen at view time.
      if ((error as { status?: unknown })?.status === 404) statusUnsupported = true;
    }
  }

  async function load(): Promise<void> {
    const mine = ++generation;
    let list: ViewedProduct[] = [];
    try {
      list = await context.history.list();
    } catch {
      list = [];
    }
    if (disposed || mine !== generation) return;
    const picked = pick(list);
    const status = refreshStatus(picked);
    if (!ready.value) await atMost(status, timing.waitMs);
    if (disposed || mine !== generation) return;
    batch(() => {
      show(picked);
      ready.value = true;
      if (picked.length > 0) cleared.value = false;
    });
  }

  const unsubscribe = context.history.subscribe(() => void load());

  return {
    cards,
    ready,
    cleared,
    load,
    async clear() {
      generation++;
      pending = null;
      batch(() => {
        items.value = [];
        cleared.value = true;
      });
      try {
        await context.history.clear();
      } catch {
        // Storage already fell back to memory; the strip is empty either way.
      }
    },
    open(card) {
      context.track('recently_viewed_clicked', { productId: card.id, position: card.position, cue: card.cue?.kind ?? null }, card.product);
    },
    seen() {
      if (shown || disposed) return;
      shown = true;
      const list = cards.value;
      context.track('widget_shown', { products: list.length, cues: list.filter((card) => card.cue).length });
      context.caps.shown().catch(() => undefined);
    },
    onScreen(now) {
      visible = now;
      if (!visible && pending) show(pending);
    },
    dispose() {
      disposed = true;
      unsubscribe();
    },
  };
}
