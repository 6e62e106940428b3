import type { ConsentChoice, IdentifyArgs, Identity, Product, RegularsEvent, VisitInfo, WidgetName } from '../types';
import type { WidgetHostApi } from '../widgets/host/index';
import type { CoreConfig } from './config';
import type { Emitter } from './emitter';
import { recordView } from './history';
import { randomId } from './ids';
import { createStorage, DATABASE_NAME, type RuntimeStorage } from './storage';
import { currentPage, loadProductReader, watchNavigation, watchProduct } from './tracking';
import { createTransport, type Transport } from './transport';
import { countPageView, countProductView } from './visits';
import { report } from './warn';

/** The running bundle behind the global command function. */
export interface Runtime {
  track(type: string, data?: Record<string, unknown>): void;
  identify(args: IdentifyArgs | null): void;
  consent(choice: ConsentChoice | boolean): void;
  open(name: WidgetName): void;
  close(name: WidgetName): void;
  forget(): Promise<void>;
  destroy(): void;
}

/** Runs `task` when the browser is idle (or after `timeout` ms at the latest). */
function onIdle(task: () => void, timeout = 2000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => task(), { timeout });
  else setTimeout(task, 1);
}

/** Whether the browser sends Global Privacy Control: then no event leaves the device. */
function privacySignal(): boolean {
  return (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
}

/**
 * Creates the runtime for a validated config. Under `consent: "required"` it stays idle (no
 * storage, no network, no widgets) until `consent` grants it; calls made meanwhile wait in memory.
 * Widgets live in a lazy chunk (the widget host) loaded when the browser is idle.
 */
export function createRuntime(config: CoreConfig, emitter: Emitter, pageLanguage = 'en'): Runtime {
  const retentionMs = config.retentionDays * 86_400_000;
  const stops: (() => void)[] = [];
  const waiting: [command: string, call: () => void][] = [];
  const viewedOnThisPage = new Set<string>();
  let storage: RuntimeStorage | null = null;
  let transport: Transport | null = null;
  let identity: Identity = { shopper: '' };
  let visit: VisitInfo = { count: 1, pages: 1, productViews: 0, landedFromSearch: false, firstPage: true, startedAt: Date.now() };
  let pageProduct: Product | null = null;
  // The URL pageProduct was read under: the next page's watcher compares markup as read under it.
  let productUrl = '';
  let page = currentPage();
  let stopProductWatch = () => {};
  let starting = false;
  let started = false;
  let destroyed = false;
  let host: Promise<WidgetHostApi | null> | null = null;
  // The last identify the page made before Regulars started (undefined: none): the identity of its page view.
  let queuedLogin: IdentifyArgs | null | undefined;

  function widgetHost(): Promise<WidgetHostApi | null> {
    host ??= import('../widgets/host/index')
      .then(({ startWidgetHost }) =>
        destroyed
          ? null
          : startWidgetHost({
              core: config,
              pageLanguage,
              storage: storage!,
              identity: () => identity,
              visit: () => visit,
              pageProduct: () => pageProduct,
              track,
              emit: emitter.emit,
              warn: report,
            }),
      )
      .catch((error) => {
        report('widgets', 'widgets-failed', String(error));
        return null;
      });
    return host;
  }

  const refreshWidgets = () => void host?.then((api) => api?.refresh());

  function whenStarted(command: string, call: () => void): void {
    if (destroyed) return;
    if (started) call();
    else waiting.push([command, call]);
  }

  /** The identity `identify(args)` gives this shopper. */
  function identityOf(args: IdentifyArgs | null, shopper: string): Identity {
    return args ? { shopper, customer: String(args.customer), identityHash: args.identityHash, email: args.email } : { shopper };
  }

  function track(type: string, data?: Record<string, unknown>, product?: Product): void {
    // Local-only mode (no endpoint) keeps no events: there is nowhere they could ever go.
    if (!transport || !config.endpoint) return;
    const event: RegularsEvent = { id: randomId(), type, at: new Date().toISOString(), shopper: identity.shopper, page };
    if (identity.customer) event.customer = identity.customer;
    if (product) event.product = product;
    if (data && Object.keys(data).length) event.data = data;
    void transport.enqueue(event);
  }

  async function productViewed(product: Product): Promise<void> {
    if (viewedOnThisPage.has(product.id) || !storage) return;
    viewedOnThisPage.add(product.id);
    pageProduct = product;
    productUrl = page.url;
    track('product_viewed', undefined, product);
    await recordView(storage, product, Date.now(), retentionMs);
    visit = { ...visit, productViews: await countProductView(storage) };
    refreshWidgets();
  }

  /** Counts a page view; `restored`: the same page back from the back/forward cache, its product a view again. */
  async function pageViewed(referrer?: string, restored = false): Promise<void> {
    // The last page's watcher must not credit this page with what it finds from now on.
    stopProductWatch();
    const previous = !restored && pageProduct ? { product: pageProduct, url: productUrl } : null;
    page = currentPage(referrer);
    viewedOnThisPage.clear();
    pageProduct = null;
    visit = await countPageView(storage!, Date.now(), page.referrer);
    // Destroyed while the count was being written: start no watcher that nothing would stop.
    if (destroyed) return;
    track('page_viewed');
    const watch = watchProduct(productViewed, previous, (shown) => {
      // The last page's product on this page is this page's product but not a new view: a variant
      // (replaceState), a tab or sub-route of it, or markup the router has not replaced yet. In the last
      // case the new product, once rendered, is viewed and takes its place, and a listing's render
      // clears it; that way the next navigation still knows which product may linger.
      const product = shown ? previous!.product : null;
      // A product viewed on this page (an explicit track call) stays its product.
      if (viewedOnThisPage.size || product === pageProduct) return;
      pageProduct = product;
      refreshWidgets();
    });
    stopProductWatch = watch.stop;
    await watch.firstLook;
  }

  async function start(): Promise<void> {
    if (starting || destroyed) return;
    starting = true;
    storage = createStorage();
    let shopper = await storage.get<string>('shopper');
    if (!shopper) await storage.set('shopper', (shopper = randomId()));
    identity = { ...(await storage.get<Identity>('identity')), shopper };
    // Destroyed (or consent withdrawn) while storage was opening: start nothing.
    if (destroyed) return void storage.close();
    transport = createTransport({ endpoint: config.endpoint, storage, retentionMs, paused: privacySignal(), identity: () => identity });
    // The page view goes out as whoever the page says is here: a login or logout it queued before the bundle arrived
    // counts, so the first page after a logout is not the last customer's. The queued calls then run in order, each
    // with the identity of its turn (calls made meanwhile join the queue).
    const before = identity;
    try {
      if (queuedLogin !== undefined) identity = identityOf(queuedLogin, shopper);
    } catch {
      // Arguments that throw are reported when their call runs below.
    }
    await pageViewed();
    identity = before;
    if (destroyed) return;
    started = true;
    // Back or Forward to this page from the back/forward cache counts like the reload it replaces.
    const onRestore = (event: PageTransitionEvent) => event.persisted && void pageViewed(undefined, true).then(refreshWidgets);
    addEventListener('pageshow', onRestore);
    stops.push(
      watchNavigation((previous) => void pageViewed(previous).then(refreshWidgets)),
      () => removeEventListener('pageshow', onRestore),
    );
    for (const [command, call] of waiting.splice(0)) {
      // A call whose arguments throw (a getter, say) must not keep the calls after it, or the widgets, from starting.
      try {
        call();
      } catch (error) {
        report(command, 'command-failed', String(error));
      }
    }
    void transport.flush();
    if (config.widgets.length) onIdle(() => void widgetHost().then(() => emitter.emit('ready', { widgets: config.widgets })));
    else emitter.emit('ready', { widgets: [] });
  }

  function teardown(): void {
    destroyed = true;
    stopProductWatch();
    stops.splice(0).forEach((stop) => stop());
    void host?.then((api) => api?.destroy());
    transport?.stop();
    storage?.close();
  }

  /** Stops, and leaves nothing behind on the device. */
  async function erase(): Promise<void> {
    const wiping = storage;
    teardown();
    if (!wiping) {
      // Nothing was opened on this page: delete what an earlier page kept, without creating a database.
      if (typeof indexedDB !== 'undefined') indexedDB.deleteDatabase(DATABASE_NAME);
      return;
    }
    // IndexedDB runs writes in the order they were asked for, so those asked before the wipe land before it; one asked
    // later (start() still opening storage, a widget finishing a save) would outlive it, so from now on writes go nowhere.
    wiping.set = wiping.del = async () => {};
    wiping.update = async (_key, change) => change(undefined);
    return wiping.wipe();
  }

  if (config.consent === 'granted') void start();

  return {
    track(type, data) {
      whenStarted('track', () => {
        if (type !== 'product_viewed') return track(type, data);
        void loadProductReader().then(({ normalizeProduct }) => {
          const product = data && normalizeProduct(data, location.href);
          if (product) void productViewed(product);
          else report("track('product_viewed')", 'track-product');
        });
      });
    },
    identify(args) {
      if (!started) queuedLogin = args;
      whenStarted('identify', () => {
        identity = identityOf(args, identity.shopper);
        void storage!.set('identity', args ? { customer: identity.customer, identityHash: identity.identityHash, email: identity.email } : {});
        // Logout too: a widget showing a customer's things (the chat) must let them go without a page load.
        void host?.then((api) => api?.identified());
      });
    },
    consent(choice) {
      // As documented: any object whose analytics is not false grants, so {} does too.
      if (typeof choice === 'boolean' ? choice : choice.analytics !== false) void start();
      else void erase();
    },
    open(name) {
      whenStarted('open', () => void widgetHost().then((api) => api?.open(name)));
    },
    close(name) {
      void host?.then((api) => api?.close(name));
    },
    forget: erase,
    destroy: teardown,
  };
}
