/**
 * Segment colours: only opaque hex colours are used, because the label colour on top is computed
 * from them to stay readable; any other value gets a palette colour.
 */

/** Red, green and blue from 0 to 255. */
export type Rgb = readonly number[];

/** Palette for segments without a usable colour of their own. */
const PALETTE = ['0b6e4f', 'f2c14e', '2d7dd2', 'f78154', '5d2e8c'];

/** Reads `#rgb` or `#rrggbb` (and their fully opaque alpha forms); null for anything else. */
export function parseColor(value: unknown): Rgb | null {
  let hex = typeof value === 'string' ? /^#([\da-f]{3,4}|[\da-f]{6}|[\da-f]{8})$/i.exec(value.trim())?.[1] : null;
  if (!hex) return null;
  if (hex.length < 5) hex = hex.replace(/./g, '$&$&');
  const channels = hex.match(/../g)!.map((pair) => parseInt(pair, 16));
  return (channels[3] ?? 255) === 255 ? channels.slice(0, 3) : null;
}

/** The fill of segment `index` of `count`: its own colour, else a palette colour unlike both neighbours. */
export function segmentFill(own: Rgb | null, index: number, count: number): Rgb {
  // With one slice more than a multiple of the palette, the last would touch the first in the same colour.
  return own ?? parseColor('#' + PALETTE[(index === count - 1 && index % PALETTE.length === 0 ? 2 : index) % PALETTE.length])!;
}

/** WCAG relative luminance. */
export function luminance(color: Rgb): number {
  const [red, green, blue] = color.map((channel) => (channel / 255 <= 0.03928 ? channel / 255 / 12.92 : ((channel / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/**
 * Black or white, whichever contrasts more with `background`: above a luminance of 0.179 black
 * does, and the better of the two always reaches 4.5:1.
 */
export function labelColor(background: Rgb): string {
  return luminance(background) > 0.179 ? '#000' : '#fff';
}
