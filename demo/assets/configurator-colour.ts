/**
 * The colour a CSS colour value stands for, as the `#rrggbb` a colour picker holds, read through
 * the browser's own parser: whatever the merchant types (`RED`, `#f00`, `rgb(…)`), the swatch
 * shows the colour the widgets will paint.
 */

/** `#rgb`, `#rrggbb`, `rgb(r, g, b)` or `rgba(r, g, b, a)` (a computed colour) as `#rrggbb`, alpha dropped; null for any other text. */
export function hexFromCss(text: string): string | null {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
  if (hex) return `#${hex[1]!.length === 3 ? hex[1]!.replace(/./g, '$&$&') : hex[1]}`.toLowerCase();
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*(?:[,/]\s*[\d.]+%?\s*)?\)$/i.exec(text.trim());
  if (!rgb) return null;
  return `#${rgb.slice(1, 4).map((channel) => Math.min(255, Math.round(Number(channel))).toString(16).padStart(2, '0')).join('')}`;
}

/** A scratch element coloured `value`, or null when the browser takes `value` for no colour. */
function coloured(doc: Document, value: string): HTMLElement | null {
  const scratch = doc.createElement('span');
  scratch.style.color = value;
  return scratch.style.color ? scratch : null;
}

/** Whether the browser takes `value` as a colour. */
export function isCssColour(doc: Document, value: string): boolean {
  return coloured(doc, value) !== null;
}

/**
 * `value` as `#rrggbb`, through a scratch element's computed colour; null when the browser takes it
 * for no colour, or for one a picker cannot hold.
 */
export function colourHex(doc: Document, value: string): string | null {
  const scratch = coloured(doc, value);
  if (!scratch) return null;
  scratch.hidden = true;
  doc.documentElement.append(scratch);
  const computed = doc.defaultView?.getComputedStyle(scratch).color ?? '';
  scratch.remove();
  return hexFromCss(computed);
}
