/**
 * The loader's warning texts, by code. They are a lazy chunk: every page loads the loader, but
 * only a misconfigured page needs these words, so the loader reports a code and its values and
 * `report` (core/warn.ts) loads this module to print the full `[regulars] field: problem. fix`.
 * Imports nothing at runtime: a module shared with the loader would make it import a chunk.
 */

/** Each code's problem and fix, filled in with the values the loader reported. */
export const MESSAGES = {
  'json-block': () => ['the JSON block is not a JSON object', 'Fix its JSON (a validator helps); the snippet attributes still apply'],
  'endpoint-url': (value: string) => [`${value} is not an http(s) URL`, "Set data-endpoint to your endpoint's base URL, e.g. https://shop.example/regulars"],
  'widgets-list': (names: string) => ['must be a comma-separated string or an array', `List any of ${names}`],
  'widgets-unknown': (name: string, names: string) => [`"${name}" is not a Regulars widget`, `Use any of ${names}; the others still load`],
  'consent-mode': (value: string) => [
    `${value} is not a consent mode`,
    "Use \"required\" (wait for regulars('consent', ...)) or \"granted\"; \"required\" is used meanwhile",
  ],
  'retention-days': () => ['must be a number from 1 to 365', 'Set how many days viewed products and queued events are kept; 30 is used meanwhile'],
  'init-running': () => ['Regulars is already running', "Put the config in the snippet or the JSON block, or call regulars('destroy') first"],
  'init-object': () => ['needs a config object', "Call regulars('init', { endpoint: 'https://…' })"],
  'track-type': () => ['needs an event type of 1 to 64 characters', "Call regulars('track', 'wishlist_added', { … })"],
  'track-data': () => ['data must be an object', 'Pass an object, or nothing'],
  'track-size': (limit: string) => [`data is over ${limit} characters of JSON`, 'Send ids and short fields, not whole documents'],
  'track-product': () => ['needs at least a product name', 'Pass { id, name, url, price, currency, image }'],
  identify: () => [
    'needs { customer } (at most 128 characters) or null',
    "Call regulars('identify', { customer: '123', identityHash: '…' }) on login, and with null on logout",
  ],
  consent: () => ['needs true, false or { analytics: boolean }', "Call regulars('consent', { analytics: true }) once the shopper agreed"],
  'widget-name': (value: string, names: string) => [`${value} is not a widget`, `Use one of ${names}`],
  listener: (command: string) => ['needs an event name and a function', `Call regulars('${command}', 'chat:opened', listener)`],
  'listener-threw': (error: string) => [`a listener threw ${error}`, 'Fix the listener; Regulars carried on'],
  command: () => ['is not a Regulars command', 'Use init, track, identify, consent, open, close, on, off, forget or destroy'],
  'command-failed': (error: string) => [`failed (${error})`, 'Regulars carried on; please report this'],
} satisfies Record<string, (...values: string[]) => [problem: string, fix: string]>;

/** A warning the loader reports by code. */
export type MessageCode = keyof typeof MESSAGES;

/** A report by code and the values its texts are filled in with, as the loader's validators make it. */
export type CodedReport = (field: string, code: MessageCode, ...values: string[]) => void;

/** The problem and fix a code stands for. */
export function describe(code: MessageCode, values: string[]): [problem: string, fix: string] {
  return (MESSAGES[code] as (...values: string[]) => [string, string])(...values);
}

/** Turns a report of full texts (the configurator's, the tests') into one the loader's validators can call by code. */
export function withTexts(report: (field: string, problem: string, fix: string) => void): CodedReport {
  return (field, code, ...values) => report(field, ...describe(code, values));
}
