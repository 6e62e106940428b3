import { useEffect } from 'preact/hooks';

/**
 * While `active` (and, with `media`, while that media query matches), keeps the page behind a
 * modal or full-screen widget from scrolling: a swipe or wheel turn over the backdrop or a part
 * that is no scroll container would otherwise scroll the page (overscroll-behavior only holds
 * inside a scroll container, and a modal <dialog> does not stop it), and the shopper would come
 * back to another place. The page's own inline `overflow` on <html> is put back as it was.
 */
export function usePageScrollLock(active: boolean, media?: string): void {
  useEffect(() => {
    if (!active || (media && (typeof matchMedia !== 'function' || !matchMedia(media).matches))) return;
    const { style } = document.documentElement;
    const before = style.overflow;
    style.overflow = 'hidden';
    return () => {
      style.overflow = before;
    };
  }, [active]);
}
