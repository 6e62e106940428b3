import type { Theme, WidgetName } from '../types';

/** The z-index layer every floating widget shares, just under the browser's maximum. */
export const FLOATING_LAYER = '2147483000';

const THEME_PROPERTIES: Record<keyof Theme, string> = {
  accent: '--regulars-accent',
  accentText: '--regulars-accent-text',
  surface: '--regulars-surface',
  text: '--regulars-text',
  radius: '--regulars-radius',
  font: '--regulars-font',
};

/** The look every widget shares until the merchant's theme says otherwise. */
export const DEFAULT_THEME: Required<Theme> = {
  accent: '#1d4ed8',
  accentText: '#ffffff',
  surface: '#ffffff',
  text: '#1d1d1f',
  radius: '12px',
  font: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
};

/** A widget's host element with its open shadow root. */
export interface WidgetHost {
  host: HTMLElement;
  root: ShadowRoot;
  adoptStyles(css: string): void;
  remove(): void;
}

/**
 * Creates `<regulars-NAME>` with an open shadow root, inside `slot` for inline widgets or as a
 * child of `<html>` for floating ones: outside `<body>`, a host page `transform` on body cannot
 * turn our `position: fixed` into scrolling content. `lang` is the widgets' locale, for screen readers.
 */
export function createWidgetHost(name: WidgetName, theme: Theme, slot?: Element | null, lang?: string): WidgetHost {
  const host = document.createElement('regulars-' + name);
  host.setAttribute('data-regulars-widget', name);
  // The widget may speak another language than the page: screen readers pick the voice from lang.
  if (lang) host.lang = lang;
  const look = { ...DEFAULT_THEME, ...theme };
  for (const key of Object.keys(look) as (keyof Theme)[]) host.style.setProperty(THEME_PROPERTIES[key], look[key]);
  if (!slot) host.style.setProperty('--regulars-layer', FLOATING_LAYER);
  const root = host.attachShadow({ mode: 'open' });
  (slot ?? document.documentElement).appendChild(host);
  return {
    host,
    root,
    adoptStyles(css) {
      // Constructable stylesheets need no style-src 'unsafe-inline'; the <style> fallback is for old engines only.
      if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      } else {
        const style = document.createElement('style');
        style.textContent = css;
        root.appendChild(style);
      }
    },
    remove() {
      host.remove();
    },
  };
}
