import type { MessageCode } from './messages';
import { dispatchWindowEvent } from './window-events';

const reported = new Set<string>();
let messages: Promise<typeof import('./messages')> | null = null;

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

/**
 * Reports a problem by its code (see core/messages.ts): the same warning and event as `warn`,
 * once the texts' chunk has loaded, which keeps them out of the loader every page downloads.
 * Reports print in the order they were made (callbacks on one promise run in order).
 */
export function report(field: string, code: MessageCode, ...values: string[]): void {
  messages ??= import('./messages');
  messages.then(
    ({ describe }) => warn(field, ...describe(code, values)),
    // Without its texts (the chunk could not be fetched) a warning still names the field and what is wrong.
    () => warn(field, [code, ...values].join(' '), 'Check that the files next to regulars.js are served'),
  );
}
