/**
 * Resolves `value` against `base` and returns it only when it is an http(s) URL;
 * anything else (javascript:, data:, garbage) becomes null, so it can never be rendered.
 */
export function safeHttpUrl(value: unknown, base?: string): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
