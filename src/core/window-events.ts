/** Dispatches `regulars:<name>` on window so host pages can listen without calling the API. */
export function dispatchWindowEvent(name: string, detail?: unknown): void {
  try {
    window.dispatchEvent(new CustomEvent('regulars:' + name, { detail }));
  } catch {
    // A page that broke CustomEvent must not break us.
  }
}
