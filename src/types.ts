/**
 * The public and internal contracts of Regulars: configuration, products,
 * events, and the context a widget receives when it mounts.
 * Types only: importing this module runs nothing.
 */

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
  accent?: string;
  accentText?: string;
  surface?: string;
  text?: string;
  radius?: string;
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

/** What the merchant may pass: the snippet's data attributes, the JSON block and `init` all produce this shape. */
export interface RegularsConfig {
  endpoint?: string;
  widgets?: WidgetName[] | string;
  locale?: string;
  currency?: string;
  consent?: ConsentMode;
  strings?: Record<string, string>;
  theme?: Theme;
  retentionDays?: number;
  recentlyViewed?: Record<string, unknown>;
  accountPrompt?: Record<string, unknown>;
  chat?: Record<string, unknown>;
  loyaltyWheel?: Record<string, unknown>;
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
  /** Reports a problem once on the console (`[regulars] ...`) and as a `regulars:error` event. */
  warn(field: string, problem: string, fix: string): void;
}

/** What a mounted widget gives back: how to remove it and how the host page opens or closes it. */
export interface WidgetHandle {
  unmount(): void;
  open?(): void;
  close?(): void;
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
  customer: string;
  identityHash?: string;
  email?: string;
}

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
