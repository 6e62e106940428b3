import { useEffect } from 'preact/hooks';

/** How many open widgets hold the page still, and the page's own inline overflow from before the first. */
let holders = 0;
let pageOverflow: [x: string, y: string] = ['', ''];

/**
 * While `active` (and, with `media`, while that media query matches), keeps the page behind a
 * modal or full-screen widget from scrolling: a swipe or wheel turn over the backdrop or a part
 * that is no scroll container would otherwise scroll the page (overscroll-behavior only holds
 * inside a scroll container, and a modal <dialog> does not stop it), and the shopper would come
 * back to another place. Widgets open at once share one lock; when the last lets go, the page's
 * own inline `overflow-x` and `overflow-y` on <html> are put back as they were.
 */
export function usePageScrollLock(active: boolean, media?: string): void {
  useEffect(() => {
    if (!active || (media && (typeof matchMedia !== 'function' || !matchMedia(media).matches))) return;
    const { style } = document.documentElement;
    if (holders++ === 0) {
      pageOverflow = [style.overflowX, style.overflowY];
      style.overflow = 'hidden';
    }
    return () => {
      if (--holders === 0) [style.overflowX, style.overflowY] = pageOverflow;
    };
  }, [active]);
}
