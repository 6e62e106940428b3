import type { KeyValueStore, VisitInfo } from '../types';

/** The storage key of the visit counters. */
export const VISIT_KEY = 'visit';
/** A visit ends after this long without a page view (the usual analytics session length). */
export const VISIT_GAP_MS = 30 * 60 * 1000;

interface StoredVisit {
  count: number;
  pages: number;
  productViews: number;
  landedFromSearch: boolean;
  lastSeen: number;
  startedAt: number;
}

const SEARCH_ENGINES = /(^|\.)(google|bing|duckduckgo|yahoo|ecosia|baidu|yandex|qwant|startpage|brave)\./i;

/** Whether a referrer is a search engine's result page. */
export function isSearchReferrer(referrer: string): boolean {
  try {
    return SEARCH_ENGINES.test(new URL(referrer).hostname + '.');
  } catch {
    return false;
  }
}

/** Counts a page view: a new visit after 30 idle minutes, else one more page in this one. */
export async function countPageView(storage: KeyValueStore, now: number, referrer: string): Promise<VisitInfo> {
  const next = await storage.update<StoredVisit>(VISIT_KEY, (old) => {
    const newVisit = !old || now - old.lastSeen > VISIT_GAP_MS;
    return {
      count: (old?.count ?? 0) + (newVisit ? 1 : 0),
      pages: newVisit ? 1 : old.pages + 1,
      productViews: old?.productViews ?? 0,
      landedFromSearch: newVisit ? isSearchReferrer(referrer) : old.landedFromSearch,
      lastSeen: now,
      startedAt: newVisit ? now : old.startedAt,
    };
  });
  // Widgets see the counters without the bookkeeping field.
  const { lastSeen, ...visit } = next;
  return { ...visit, firstPage: next.pages === 1 };
}

/** Counts a product view (it may be detected after the page view, on late-rendered storefronts). */
export async function countProductView(storage: KeyValueStore): Promise<number> {
  const next = await storage.update<StoredVisit | undefined>(VISIT_KEY, (old) => old && { ...old, productViews: old.productViews + 1 });
  return next?.productViews ?? 0;
}
