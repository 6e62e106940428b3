import type { KeyValueStore, Product, ProductHistory, ViewedProduct } from '../types';

/** The storage key of the viewed-products list. */
export const HISTORY_KEY = 'viewed';
/** The most products kept; widgets show fewer. */
export const HISTORY_LIMIT = 50;

/** Drops expired entries and duplicates (by id and by URL), keeping the newest of each, newest first. */
export function cleanHistory(list: ViewedProduct[] | undefined, now: number, retentionMs: number): ViewedProduct[] {
  const seen = new Set<string>();
  return (Array.isArray(list) ? list : [])
    .filter((item) => item && now - item.viewedAt < retentionMs)
    .sort((a, b) => b.viewedAt - a.viewedAt)
    .filter((item) => {
      if (seen.has(item.id) || seen.has(item.url)) return false;
      seen.add(item.id);
      seen.add(item.url);
      return true;
    })
    .slice(0, HISTORY_LIMIT);
}

/** Records a product view: the product moves to the front with the price seen now. */
export function recordView(storage: KeyValueStore, product: Product, now: number, retentionMs: number): Promise<ViewedProduct[]> {
  return storage.update<ViewedProduct[]>(HISTORY_KEY, (list) =>
    cleanHistory([{ ...product, viewedAt: now }, ...(list ?? [])], now, retentionMs),
  );
}

/** Reads the history, cleaned; products past `retentionMs` are deleted from the device too, not only left out. */
export async function readHistory(storage: KeyValueStore, now: number, retentionMs: number): Promise<ViewedProduct[]> {
  const stored = await storage.get<ViewedProduct[]>(HISTORY_KEY);
  const history = cleanHistory(stored, now, retentionMs);
  // Rewritten in one transaction with the same cleaning, so a view another tab records meanwhile is kept.
  if (Array.isArray(stored) && stored.some((item) => !item || now - item.viewedAt >= retentionMs)) {
    void storage.update<ViewedProduct[]>(HISTORY_KEY, (list) => cleanHistory(list, now, retentionMs));
  }
  return history;
}

/** The history as widgets see it. */
export function createProductHistory(
  storage: KeyValueStore,
  retentionMs: number,
  current: () => Product | null,
  now: () => number = Date.now,
): ProductHistory {
  return {
    list: () => readHistory(storage, now(), retentionMs),
    clear: () => storage.del(HISTORY_KEY),
    current,
    subscribe: (listener) => storage.subscribe(HISTORY_KEY, listener),
  };
}
