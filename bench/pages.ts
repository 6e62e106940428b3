/**
 * The page variants the bench compares, made from one demo page's HTML: as shipped (with the
 * Regulars snippet), without it, with only some widgets, and with the comparison widget instead.
 */

/** Which copy of the page to serve. */
export type Variant = 'without' | 'with' | 'wheel-only' | 'spin-wheel';

/** The query parameter the bench server reads (`?bench=without`); without it the page is served as it is. */
export const VARIANT_PARAM = 'bench';

/** Where the bench server serves the comparison widget's files and the script that mounts it. */
export const SPIN_WHEEL_LIBRARY_PATH = '/bench/vendor/spin-wheel-iife.js';
export const SPIN_WHEEL_PAGE_SCRIPT_PATH = '/bench/compare/spin-wheel-page.js';

const SNIPPET = /<script\b[^>]*\bsrc="[^"]*\/regulars\.js"[^>]*><\/script>\s*/g;

/** The page without the Regulars snippet; throws when it has none, since the comparison would then mean nothing. */
export function removeSnippet(html: string): string {
  const stripped = html.replace(SNIPPET, '');
  if (stripped === html) throw new Error('the page has no Regulars snippet (<script src=".../regulars.js">)');
  return stripped;
}

/** The page with the snippet's `data-widgets` set to `widgets`. */
export function withWidgets(html: string, widgets: readonly string[]): string {
  const snippet = html.match(SNIPPET)?.[0];
  if (!snippet) throw new Error('the page has no Regulars snippet (<script src=".../regulars.js">)');
  if (!/\bdata-widgets="[^"]*"/.test(snippet)) throw new Error('the snippet has no data-widgets attribute');
  return html.replace(snippet, snippet.replace(/\bdata-widgets="[^"]*"/, `data-widgets="${widgets.join(',')}"`));
}

/**
 * The page without Regulars and with the comparison wheel, loaded the way its README suggests (a
 * classic script in the head) plus the few lines a merchant would add to open it from a button.
 */
export function withSpinWheel(html: string): string {
  const tags = `<script defer src="${SPIN_WHEEL_LIBRARY_PATH}"></script>\n  <script type="module" src="${SPIN_WHEEL_PAGE_SCRIPT_PATH}"></script>\n`;
  const stripped = removeSnippet(html);
  if (!stripped.includes('</head>')) throw new Error('the page has no </head>');
  return stripped.replace('</head>', `  ${tags}</head>`);
}

/** The HTML of `variant`. */
export function pageVariant(html: string, variant: Variant): string {
  switch (variant) {
    case 'with':
      return html;
    case 'without':
      return removeSnippet(html);
    case 'wheel-only':
      return withWidgets(html, ['loyalty-wheel']);
    case 'spin-wheel':
      return withSpinWheel(html);
  }
}

/** Whether `value` names a variant. */
export function isVariant(value: unknown): value is Variant {
  return value === 'without' || value === 'with' || value === 'wheel-only' || value === 'spin-wheel';
}
