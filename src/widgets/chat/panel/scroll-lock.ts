import { useEffect } from 'preact/hooks';

/** The narrow-screen layout of styles.css, where the open panel covers the whole screen. */
const FULL_SCREEN = '(max-width: 479.98px)';

/**
 * While `active` on a narrow screen, keeps the page behind the full-screen panel from scrolling: a
 * swipe over the panel's header or empty state would otherwise scroll the page (overscroll-behavior
 * only holds inside a scroll container), and the shopper would come back to another place. The
 * page's own inline `overflow` on <html> is put back as it was.
 */
export function usePageScrollLock(active: boolean): void {
  useEffect(() => {
    if (!active || typeof matchMedia !== 'function' || !matchMedia(FULL_SCREEN).matches) return;
    const { style } = document.documentElement;
    const before = style.overflow;
    style.overflow = 'hidden';
    return () => {
      style.overflow = before;
    };
  }, [active]);
}
