/**
 * Every warning text of the bundle, by code. They are a lazy chunk: shoppers never read them, and
 * only a misconfigured page needs these words, so the loader, the widget host and the widgets
 * report a code and its values, and `report` (core/warn.ts) loads this module to print the full
 * `[regulars] field: problem. fix`. Imports nothing at runtime: a module shared with the loader
 * would make it import a chunk.
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
    'needs { customer } (at most 128 characters) or null; identityHash (at most 128 characters) and email (at most 254), when given, must be strings',
    "Call regulars('identify', { customer: '123', identityHash: '…', email: 'ada@example.com' }) on login, and with null on logout",
  ],
  consent: () => ['needs true, false or { analytics: boolean }', "Call regulars('consent', { analytics: true }) once the shopper agreed"],
  'widget-name': (value: string, names: string) => [`${value} is not a widget`, `Use one of ${names}`],
  listener: (command: string) => ['needs an event name and a function', `Call regulars('${command}', 'chat:opened', listener)`],
  'listener-threw': (error: string) => [`a listener threw ${error}`, 'Fix the listener; Regulars carried on'],
  command: () => ['is not a Regulars command', 'Use init, track, identify, consent, open, close, on, off, forget or destroy'],
  'command-failed': (error: string) => [`failed (${error})`, 'Regulars carried on; please report this'],
  'widgets-failed': (error: string) => [`could not load (${error})`, 'Check that the files next to regulars.js are served; tracking carries on'],

  // The widget host: the fields only widgets use, and mounting.
  'option-unknown': (options: string) => ['is not a Regulars option', `Remove it or check the spelling; options are ${options}`],
  'locale-tag': (locales: string) => ['must be a language tag', `Use one of ${locales}`],
  'locale-pack': (tag: string, locales: string) => [`"${tag}" has no locale pack`, `Use one of ${locales}; English is used meanwhile`],
  currency: (value: string) => [`${value} is not an ISO 4217 code`, 'Use a three-letter code such as EUR or SEK'],
  'strings-object': () => ['must be an object of texts keyed "widget.key"', 'See the strings reference in docs/config.md'],
  'string-value': () => ['must be a string', 'Give the text to show, or remove the key to use the locale pack'],
  'theme-object': (keys: string) => ['must be an object', `Use keys ${keys}`],
  'theme-token': (keys: string) => ['is not a theme token', `Use ${keys}`],
  'theme-value': (value: string, property: string) => [
    `${value} is not a ${property} value the browser accepts`,
    'Use a plain CSS value such as #0b6e4f for colours, 8px for radius or a font list, without ; { } < > \\; the default is used meanwhile',
  ],
  'section-object': (section: string) => ['must be an object of options', `See docs/config.md for ${section}`],
  'prototype-polluted': (keys: string) => [
    `another script added enumerable properties (${keys})`,
    'Remove that script or define the properties as non-enumerable; Regulars keeps tracking but shows no widget on this page',
  ],
  'widget-failed': (error: string) => [`could not start (${error})`, 'Check that the files next to regulars.js are served; the other widgets carry on'],
  'endpoint-needed': (widget: string) => [`is needed by the ${widget} widget`, 'Set data-endpoint to your Regulars endpoint; the widget is skipped meanwhile'],
  'widget-disabled': () => ['that widget is not enabled', 'Add it to data-widgets'],
  'no-slot': (widget: string) => ['this page has no slot for it', `Add <div data-regulars-slot="${widget}"></div> where it should show`],
  'trigger-object': () => ['must be an object of trigger rules', 'Use e.g. { "productViews": 3, "exitIntent": true }'],
  'trigger-number': () => ['must be a number of 0 or more', 'Give a count, or remove the rule'],
  'trigger-unknown': () => ['is not a trigger rule', 'Use productViews, pages, seconds, scrollDepth, exitIntent, firstPage or dismissDays'],
  boolean: () => ['must be true or false', 'Use a boolean'],

  // The widgets' own option sections.
  'recently-viewed-max': (value: string, most: string, fallback: string) => [
    `${value} is not a whole number from 1 to ${most}`,
    `Set how many products the strip shows; ${fallback} is used meanwhile`,
  ],
  'recently-viewed-cues': () => ['must be true or false', 'Use false to turn the price and stock cues off; they stay on meanwhile'],
  'recently-viewed-option': () => ['is not a recently-viewed option', 'Use max or cues; texts such as the title are set with strings["recentlyViewed.title"]'],
  'account-prompt-option': () => ['is not an account prompt option', 'Use trigger, benefits, loginUrl or teaser'],
  'account-prompt-benefits': () => ['must be a list of at most 8 non-empty texts', 'Use e.g. ["Order tracking", "Members-only offers"]'],
  'account-prompt-login-url': () => ['must be an http(s) URL', 'Use the address of your sign-in page, e.g. "/account/login"'],
  'account-prompt-endpoint': () => ['is needed by the account prompt to create accounts', 'Set data-endpoint on the Regulars script tag, or remove account-prompt from the widgets'],
  'chat-position': (value: string) => [`${value} is not a position`, 'Use "right" or "left"; "right" is used meanwhile'],
  'chat-color': (value: string) => [
    `${value} is not a CSS colour`,
    'Use a colour such as #0b6e4f or rgb(11 110 79); the theme accent is used meanwhile',
  ],
  'chat-option': () => ['is not a chat option', 'Use position, color or channels; texts go in strings as "chat.<key>"'],
  'chat-channels': () => ['must be a list of channels', 'Use e.g. [{ "kind": "whatsapp", "url": "https://wa.me/46701234567" }]'],
  'chat-channel-kind': (value: string, kinds: string) => [`${value} is not a channel kind`, `Use one of ${kinds}; the entry is left out`],
  'chat-channel-url': () => [
    'is not an http(s), mailto: or tel: URL',
    'Give a full URL such as https://m.me/yourshop, mailto:help@shop.example or tel:+4681234567; the entry is left out',
  ],
  'chat-endpoint': () => ['needs the endpoint to deliver messages', 'Set data-endpoint on the snippet, or remove chat from data-widgets'],
  'chat-panel': () => ['the chat panel could not be loaded', "Check that the bundle's chunk files are served next to the loader"],
  'loyalty-wheel-option': () => ['is not an option', 'Use applyUrl or trigger'],
  'loyalty-wheel-apply-url': () => ['is not an http(s) URL', 'Use a path such as "/discount/{code}"; no apply link is shown meanwhile'],
  'loyalty-wheel-missing': () => ['has no wheel (GET /wheel answered 404)', 'Configure one, or remove loyalty-wheel from widgets'],
} satisfies Record<string, (...values: string[]) => [problem: string, fix: string]>;

/** A warning reported by code. */
export type MessageCode = keyof typeof MESSAGES;

/** A report by code and the values its texts are filled in with, as every validator of the bundle makes it. */
export type CodedReport = (field: string, code: MessageCode, ...values: string[]) => void;

/** The problem and fix a code stands for. */
export function describe(code: MessageCode, values: string[]): [problem: string, fix: string] {
  return (MESSAGES[code] as (...values: string[]) => [string, string])(...values);
}

/** Turns a report of full texts (the configurator's, the tests') into one the validators can call by code. */
export function withTexts(report: (field: string, problem: string, fix: string) => void): CodedReport {
  return (field, code, ...values) => report(field, ...describe(code, values));
}
