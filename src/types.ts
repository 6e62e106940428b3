// Kept in the emitted declarations: a server-side project without the DOM lib still type-checks its import.
/// <reference lib="dom" preserve="true" />
/**
 * The public and internal contracts of Regulars: configuration, products,
 * events, and the context a widget receives when it mounts.
 * Types only: importing this module runs nothing.
 *
 * The JSDoc of the config interfaces (RegularsConfig, its widget sections, TriggerConfig, Theme)
 * is the config reference: `npm run docs` turns it into the tables of docs/config.md. Each field
 * gets one sentence, `@default` when it has a default, `@invalid` for what a wrong value does and
 * `@attribute` for the snippet's data attribute that carries it.
 */

import type { CodedReport } from './core/messages';

/** The four widgets a merchant can enable. */
export type WidgetName = 'recently-viewed' | 'account-prompt' | 'chat' | 'loyalty-wheel';

/** Whether tracking waits for the shopper's consent (`required`) or may start at once (`granted`). */
export type ConsentMode = 'required' | 'granted';

/** A product as the tracker extracts it from a page (see docs/endpoint-contract.md). */
export interface Product {
  id: string;
  name: string;
  /** Absolute canonical http(s) URL. */
  url: string;
  /** Absolute http(s) URL or null. */
  image: string | null;
  price: number | null;
  /** ISO 4217 code, upper case. */
  currency: string | null;
  sku: string | null;
  availability: 'in_stock' | 'out_of_stock' | null;
  category?: string;
}

/** A product the shopper viewed, with when and at what price. */
export interface ViewedProduct extends Product {
  /** Epoch milliseconds of the latest view. */
  viewedAt: number;
}

/** The page an event happened on. */
export interface PageInfo {
  url: string;
  title: string;
  referrer: string;
}

/** One tracked event as it is queued and sent to `POST /events`. */
export interface RegularsEvent {
  id: string;
  type: string;
  /** ISO 8601 timestamp. */
  at: string;
  shopper: string;
  customer?: string;
  page: PageInfo;
  product?: Product;
  data?: Record<string, unknown>;
}

/** Theme tokens, written as `--regulars-<name>` custom properties on every widget host. */
export interface Theme {
  /**
   * The colour of buttons and the chat launcher.
   * @default `#1d4ed8`
   */
  accent?: string;
  /**
   * The colour of text on the accent colour.
   * @default `#ffffff`
   */
  accentText?: string;
  /**
   * The background of dialogs, panels and cards.
   * @default `#ffffff`
   */
  surface?: string;
  /**
   * The colour of text.
   * @default `#1d1d1f`
   */
  text?: string;
  /**
   * The corner radius.
   * @default `12px`
   */
  radius?: string;
  /**
   * The font list.
   * @default `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`
   */
  font?: string;
}

/** The configuration after validation: every field present and of the right type. */
export interface ResolvedConfig {
  /** Absolute http(s) base URL of the merchant endpoint without a trailing slash, or null for local-only mode. */
  endpoint: string | null;
  widgets: WidgetName[];
  /** BCP 47 language tag of the shipped locale pack in use (`en`, `sv`, ...). */
  locale: string;
  /** ISO 4217 currency used when a product carries none. */
  currency: string | null;
  consent: ConsentMode;
  /** Merchant overrides of shopper-facing strings, keyed `widget.key`. */
  strings: Record<string, string>;
  theme: Theme;
  /** How long viewed products and queued events are kept locally. */
  retentionDays: number;
  /** Raw per-widget option sections; each widget validates its own section. */
  options: Partial<Record<WidgetName, Record<string, unknown>>>;
}

/**
 * When a modal widget (the account prompt, the loyalty wheel) opens by itself: rules that combine
 * with OR, merged over the widget's defaults.
 */
export interface TriggerConfig {
  /** Opens the widget once the shopper viewed this many products (0 or more), across visits. */
  productViews?: number;
  /** Opens the widget on this many pages (0 or more) in the current visit; a visit ends after 30 minutes without a page view. */
  pages?: number;
  /** Opens the widget this many seconds (0 or more) after the visit began. */
  seconds?: number;
  /** Opens the widget when the bottom of the screen passed this percentage (0 or more) of the page. */
  scrollDepth?: number;
  /**
   * When `true`, opens the widget as the pointer leaves through the top of the window, or on touch
   * screens at a fast scroll back up (30% of the screen within 400 ms, a flick rather than reading)
   * after reading past 40%.
   */
  exitIntent?: boolean;
  /**
   * Only holds back: `false` keeps the widget off the first page of a visit, and a visit that came
   * from a search engine never gets one on its first page.
   * @default `false`
   */
  firstPage?: boolean;
  /**
   * Only holds back: the days (0 or more) after a dismissal before the widget opens by itself again.
   * @default `7`
   */
  dismissDays?: number;
}

/** The `recentlyViewed` section: options of the recently-viewed strip. */
export interface RecentlyViewedConfig {
  /**
   * How many products the strip shows, a whole number from 1 to 50.
   * @default `12`
   * @invalid warned, `12`
   */
  max?: number;
  /**
   * Whether to ask `POST /products/status` for the "price dropped", "back in stock" and "only N left" cues.
   * @default `true`
   * @invalid warned, `true`
   */
  cues?: boolean;
}

/** The `accountPrompt` section: options of the account prompt. */
export interface AccountPromptConfig {
  /**
   * When the prompt opens by itself, as [trigger rules](#trigger-rules) merged over the defaults.
   * @default `{ "productViews": 3, "dismissDays": 7, "firstPage": false }`
   * @invalid not an object: warned, the defaults; a wrong rule: warned, its default
   */
  trigger?: TriggerConfig;
  /**
   * Up to 8 non-empty texts, shown as the benefit list.
   * @default the texts `benefit1`–`benefit3`
   * @invalid warned, the default texts
   */
  benefits?: string[];
  /**
   * Your sign-in page, offered when the email already has an account: an `http(s)` URL, a path resolved against the page.
   * @default none
   * @invalid warned, none
   */
  loginUrl?: string;
  /**
   * Whether a small tab stays after the prompt showed, to open it again.
   * @default `true`
   * @invalid warned, `true`
   */
  teaser?: boolean;
}

/** One more way to reach the shop, listed in the chat panel. */
export interface ChatChannelConfig {
  /**
   * The kind of channel, which names the link when there is no `label`.
   * @invalid warned, the entry is left out
   */
  kind: 'whatsapp' | 'messenger' | 'email' | 'phone' | 'link';
  /**
   * Where the link leads: an absolute `http(s)`, `mailto:` or `tel:` URL.
   * @invalid warned, the entry is left out
   */
  url: string;
  /**
   * The link's text instead of the kind's name, shown as given in every language (leave it out and the
   * locale pack names the kind); longer than 80 characters is cut.
   * @default the kind's name in the shopper's language
   * @invalid the kind's name
   */
  label?: string;
}

/** The `chat` section: options of the chat launcher and panel. */
export interface ChatConfig {
  /**
   * The bottom corner of the launcher.
   * @default `"right"`
   * @invalid warned, `"right"`
   */
  position?: 'right' | 'left';
  /**
   * The colour of the launcher and the shopper's bubbles: a CSS colour the browser accepts, at most 100 characters, without `; { } < > \`.
   * @default the theme `accent`
   * @invalid warned, the theme `accent`
   */
  color?: string;
  /**
   * Other ways to reach the shop, listed before the channels from `GET /chat/status`, which do not repeat a URL.
   * @default none
   * @invalid not a list: warned, none; a bad entry: warned, left out
   */
  channels?: ChatChannelConfig[];
}

/** The `loyaltyWheel` section: options of the loyalty wheel. */
export interface LoyaltyWheelConfig {
  /**
   * When the wheel opens by itself (if the endpoint says the shopper may spin), as [trigger rules](#trigger-rules) merged over the defaults.
   * @default `{ "pages": 3, "dismissDays": 7, "firstPage": false }`
   * @invalid not an object: warned, the defaults; a wrong rule: warned, its default
   */
  trigger?: TriggerConfig;
  /**
   * The link of **Use it in my cart**, where `{code}` becomes the URL-encoded code and a path is resolved against the page (`http(s)` only), such as `"/discount/{code}"`.
   * @default none (no link)
   * @invalid warned, no link
   */
  applyUrl?: string;
}

/**
 * What the merchant may pass: the snippet's data attributes, the JSON block and `init` all produce this shape.
 * @unknownKeys warned: "is not a Regulars option"
 */
export interface RegularsConfig {
  /**
   * The base URL of your Regulars endpoint, `http(s)`, absolute or relative to the page, without query, fragment or trailing `/` (they are removed); `""` for none.
   * @attribute data-endpoint
   * @default none: local-only (no endpoint calls; widgets that need one are skipped with a warning)
   * @invalid warned, treated as none
   */
  endpoint?: string;
  /**
   * The widgets to enable: a comma-separated string or a list of `recently-viewed`, `account-prompt`, `chat`, `loyalty-wheel`; `""` or `[]` for tracking only.
   * @attribute data-widgets
   * @default all four
   * @invalid unknown names warned and skipped; not a string or list: warned, all four
   */
  widgets?: WidgetName[] | string;
  /**
   * The shopper's language, as a tag whose language ships: `en`, `sv`, `sl`, `th`, `nl`, `da` (`sv-SE` and `sv_SE` work; the full tag formats prices and dates).
   * @attribute data-locale
   * @default `<html lang>`, else the browser's language, else `en` (quietly `en` when that language does not ship)
   * @invalid warned, `en`
   */
  locale?: string;
  /**
   * The ISO 4217 code, any case, of the prices of products that carry none.
   * @attribute data-currency
   * @default none
   * @invalid warned, none
   */
  currency?: string;
  /**
   * Whether Regulars waits for the shopper's consent, `"required"`, or may start at once, `"granted"` (see [privacy](privacy.md#consent)).
   * @attribute data-consent
   * @default `"granted"`
   * @invalid warned, **`"required"`**
   */
  consent?: ConsentMode;
  /**
   * Texts that replace the shipped ones, keyed `<section>.<key>` (see [Strings](#strings)); keys are not checked.
   * @default `{}`
   * @invalid not an object, or a value that is not a string: warned, ignored
   */
  strings?: Record<string, string>;
  /**
   * [Theme tokens](#theme) that restyle every widget.
   * @default `{}`
   * @invalid an unknown token or a bad value: warned, ignored
   */
  theme?: Theme;
  /**
   * How many days, from 1 to 365, viewed products and queued events are kept on the device.
   * @default `30`
   * @invalid warned, `30`
   */
  retentionDays?: number;
  /**
   * Options of the recently-viewed strip.
   * @default `{}`
   * @invalid not an object: warned, ignored
   */
  recentlyViewed?: RecentlyViewedConfig;
  /**
   * Options of the account prompt.
   * @default `{}`
   * @invalid not an object: warned, ignored
   */
  accountPrompt?: AccountPromptConfig;
  /**
   * Options of the chat.
   * @default `{}`
   * @invalid not an object: warned, ignored
   */
  chat?: ChatConfig;
  /**
   * Options of the loyalty wheel.
   * @default `{}`
   * @invalid not an object: warned, ignored
   */
  loyaltyWheel?: LoyaltyWheelConfig;
}

/** Who the shopper is: the anonymous id always, the merchant's customer id once `identify` ran. */
export interface Identity {
  shopper: string;
  customer?: string;
  identityHash?: string;
  email?: string;
}

/** What the runtime knows about this visit. */
export interface VisitInfo {
  /** 1 for a first visit; a visit ends after 30 minutes without a page view. */
  count: number;
  /** Page views in this visit, this one included. */
  pages: number;
  /** Product views across all visits. */
  productViews: number;
  /** True when this visit began on a page reached from a search engine. */
  landedFromSearch: boolean;
  /** True on the first page of this visit. */
  firstPage: boolean;
  /** Epoch milliseconds when this visit began. */
  startedAt: number;
}

/** A failure of a call to the merchant endpoint, classified for the shopper-facing message. */
export interface EndpointFailure {
  /** `network`, `timeout`, `invalid_response`, or the endpoint's own `error.code`. */
  code: string;
  /** HTTP status, 0 when no response arrived. */
  status: number;
  /** Epoch milliseconds before which the endpoint asked not to be called again. */
  retryAt?: number;
  message?: string;
}

/** Options of one endpoint call. */
export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  query?: Record<string, string | undefined>;
  /** Give up after this long (default 8000 ms). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Lets the request outlive the page (`fetch` keepalive), for what must go out as the tab closes. */
  keepalive?: boolean;
}

/** The merchant endpoint as widgets see it: JSON in, JSON out, failures thrown as `EndpointError`. */
export interface EndpointClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
}

/** The bundle's key-value storage: IndexedDB when allowed and working, memory otherwise. */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /** Atomic read-modify-write; the updater may run more than once and must be pure. */
  update<T>(key: string, updater: (old: T | undefined) => T): Promise<T>;
  del(key: string): Promise<void>;
  /** Calls `listener` when another tab changes `key`; returns the unsubscribe function. */
  subscribe(key: string, listener: () => void): () => void;
}

/** The shared interruption budget: at most one modal widget at a time. */
export interface ModalBudget {
  /** Claims the screen for `name`; false when another modal widget holds it. */
  request(name: WidgetName): boolean;
  release(name: WidgetName): void;
  /** The widget that holds the screen, if any. */
  holder(): WidgetName | null;
}

/** Frequency caps per widget, kept in storage. */
export interface WidgetCaps {
  /** Records that the shopper dismissed the widget now. */
  dismissed(): Promise<void>;
  /** Records that the shopper completed the widget (signed up, spun): it never triggers again. */
  completed(): Promise<void>;
  /** Records that the widget was shown now. */
  shown(): Promise<void>;
}

/** The browsing history of viewed products, newest first. */
export interface ProductHistory {
  list(): Promise<ViewedProduct[]>;
  clear(): Promise<void>;
  /** The product detected on the current page, if any. */
  current(): Product | null;
  /** Calls `listener` when the history changes in this tab or another; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** Why a widget mounted. */
export type MountReason = 'page' | 'trigger' | 'command' | 'pinned';

/** Everything a widget gets from the runtime; widgets import no runtime module themselves. */
export interface WidgetContext {
  name: WidgetName;
  config: ResolvedConfig;
  /** This widget's raw option section (validated by the widget). */
  options: Record<string, unknown>;
  /** The widget's shadow root, already styled with the theme. */
  root: ShadowRoot;
  /** The element that hosts the shadow root. */
  host: HTMLElement;
  /** Adds a stylesheet to the shadow root (constructable stylesheet, CSP-safe). */
  adoptStyles(css: string): void;
  reason: MountReason;
  identity(): Identity;
  visit(): VisitInfo;
  storage: KeyValueStore;
  /** Null when the merchant configured no endpoint (local-only mode). */
  endpoint: EndpointClient | null;
  history: ProductHistory;
  modal: ModalBudget;
  caps: WidgetCaps;
  /** Queues an analytics event for `POST /events`. */
  track(type: string, data?: Record<string, unknown>, product?: Product): void;
  /** Tells the host page: `regulars('on', name, fn)` listeners and a `regulars:<name>` window event. */
  emit(name: string, detail?: unknown): void;
  /** Asks the runtime to mount this widget on later pages too (a teaser tab, a coupon reminder). */
  pin(pinned: boolean): Promise<void>;
  /**
   * Reports a problem once on the console (`[regulars] field: problem. fix`) and as a `regulars:error`
   * event; by code (src/core/messages.ts), so the texts load only on a page that has a problem.
   */
  warn: CodedReport;
}

/** What a mounted widget gives back: how to remove it and how the host page opens or closes it. */
export interface WidgetHandle {
  unmount(): void;
  open?(): void;
  close?(): void;
  /** Catches up with a page view or a product detected on the page (a single-page storefront keeps the widget mounted). */
  refresh?(): void;
}

/** The default export of every widget chunk. */
export type MountWidget = (context: WidgetContext) => WidgetHandle | Promise<WidgetHandle>;

/** The commands of the global `regulars()` function. */
export type CommandName =
  | 'init'
  | 'track'
  | 'identify'
  | 'consent'
  | 'open'
  | 'close'
  | 'on'
  | 'off'
  | 'forget'
  | 'destroy';

/** Arguments of `regulars('consent', ...)`. */
export interface ConsentChoice {
  analytics?: boolean;
}

/** Arguments of `regulars('identify', ...)`. */
export interface IdentifyArgs {
  /** The shop's customer id; a number is taken as its decimal text. */
  customer: string | number;
  identityHash?: string;
  email?: string;
}

/** The `detail` of each host event, by name: `regulars('on', name, …)` listeners and `regulars:<name>` on window get it. */
export interface HostEventDetails {
  ready: { widgets: string[] };
  'account:created': { status: 'created' | 'exists' | 'verification_sent' };
  'chat:opened': Record<string, never>;
  'chat:message': { id: string; text: string; at: string };
  'chat:unread': { count: number };
  'wheel:won': { code: string; expiresAt: string };
}

/** The host events as `window` dispatches them, `regulars:error` included (window only). */
export type RegularsWindowEvents = { [Name in keyof HostEventDetails as `regulars:${Name}`]: CustomEvent<HostEventDetails[Name]> } & {
  'regulars:error': CustomEvent<{ field: string; problem: string; fix: string }>;
};

/** A listener registered with `regulars('on', name, listener)`. */
export type HostListener = (detail: unknown) => void;

/** The global command function, typed per command. */
export interface RegularsCommand {
  (command: 'init', config: RegularsConfig): void;
  (command: 'track', type: string, data?: Record<string, unknown> | Partial<Product>): void;
  (command: 'identify', args: IdentifyArgs | null): void;
  (command: 'consent', choice: ConsentChoice | boolean): void;
  (command: 'open' | 'close', widget: WidgetName): void;
  (command: 'on' | 'off', event: string, listener: HostListener): void;
  (command: 'forget'): void;
  (command: 'destroy'): void;
  /** Calls queued by the inline stub before the bundle arrived. */
  q?: unknown[][];
  /** Bundle version, present once the bundle ran. */
  version?: string;
}
