/**
 * Whether `value` is a plain CSS value for `property`: short, with nothing that could end the declaration it is
 * set in, and accepted by the browser where it can judge (a typo like `#1f6f5` would otherwise make a colour vanish).
 */
export function isCssValue(property: string, value: string, maxLength: number): boolean {
  if (!value.trim() || value.length > maxLength || /[;{}<>\\]/.test(value)) return false;
  return typeof CSS === 'undefined' || typeof CSS.supports !== 'function' || CSS.supports(property, value);
}
