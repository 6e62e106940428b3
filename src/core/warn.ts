import { dispatchWindowEvent } from './window-events';

const reported = new Set<string>();

/**
 * Reports a configuration or usage problem once: a `[regulars]` console warning naming the
 * field and the fix, plus a `regulars:error` window event for monitoring.
 */
export function warn(field: string, problem: string, fix: string): void {
  const message = `[regulars] ${field}: ${problem}. ${fix}`;
  if (reported.has(message)) return;
  reported.add(message);
  try {
    console.warn(message);
  } catch {
    // Some pages replace console; losing the message is better than throwing.
  }
  dispatchWindowEvent('error', { field, problem, fix });
}
