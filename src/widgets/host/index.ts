import type { Identity, KeyValueStore, MountReason, Product, ResolvedConfig, VisitInfo, WidgetHandle, WidgetName } from '../../types';
import type { CoreConfig } from '../../core/config';
import type { CodedReport } from '../../core/messages';
import { createEndpointClient } from '../../core/endpoint';
import { createProductHistory, readHistory } from '../../core/history';
import { createWidgetHost, type WidgetHost as Place } from '../../core/mount';
import { tabLift } from './tab-lift';
import { createCaps, createModalBudget, parseTriggerRules, watchTriggers, type TriggerWatch } from '../../core/triggers';
import { createWidgetContext, PINNED_KEY, type ContextServices } from '../../core/widget-context';
import { resolveWidgetConfig } from './config';
import { WIDGETS, type WidgetDescriptor } from './registry';

/** What the loader's runtime hands the widget host. */
export interface HostServices {
  core: CoreConfig;
  pageLanguage: string;
  storage: KeyValueStore;
  identity(): Identity;
  visit(): VisitInfo;
  /** The product detected on the current page, if any. */
  pageProduct(): Product | null;
  track(type: string, data?: Record<string, unknown>, product?: Product): void;
  emit(name: string, detail?: unknown): void;
  /** Reports a problem by code; its texts load only when one is reported. */
  warn: CodedReport;
}

/** The widget host as the runtime drives it. */
export interface WidgetHostApi {
  config: ResolvedConfig;
  open(name: WidgetName): void;
  close(name: WidgetName): void;
  /** Re-checks trigger rules and slots after a page or product view. */
  refresh(): void;
  /** The host page identified the shopper or signed them out: widgets for anonymous shoppers step back, and mounted ones re-read who the shopper is. */
  identified(): void;
  destroy(): void;
}

/** Enumerable properties another script added to Object.prototype (every `for...in` in the page then sees them). */
export function inheritedEnumerableKeys(): string[] {
  const keys: string[] = [];
  for (const key in {}) keys.push(key);
  return keys;
}

/** Runs `task` when the browser is idle (or after `timeout` ms at the latest). */
function onIdle(task: () => void, timeout = 2000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => task(), { timeout });
  else setTimeout(task, 1);
}

/** Each widget's section in the merchant's config, as warnings name it. */
const OPTION_KEY: Record<WidgetName, string> = {
  'recently-viewed': 'recentlyViewed',
  'account-prompt': 'accountPrompt',
  chat: 'chat',
  'loyalty-wheel': 'loyaltyWheel',
};

interface Mounted {
  handle: WidgetHandle;
  place: Place;
}

/** How often, at most, the watch for a late slot looks at the page while the page is changing. */
const SLOT_CHECK_MS = 250;

/**
 * Starts the widgets: decides for each enabled widget when its chunk loads (its page slot, idle,
 * or its trigger rules within the frequency caps and the one-modal-at-a-time budget), then
 * mounts it in its own shadow root with a context of runtime services.
 */
export function startWidgetHost(services: HostServices): WidgetHostApi {
  const { storage, warn } = services;
  const config = resolveWidgetConfig(services.core, services.pageLanguage, warn);
  const polluted = inheritedEnumerableKeys();
  if (polluted.length) {
    // UI libraries walk props with for...in; inherited keys would reach them as props and break rendering.
    warn('Object.prototype', 'prototype-polluted', polluted.slice(0, 5).join(', '));
    config.widgets = [];
  }
  const retentionMs = config.retentionDays * 86_400_000;
  const modal = createModalBudget();
  const endpoint = config.endpoint ? createEndpointClient(config.endpoint, services.identity) : null;
  const mounted = new Map<WidgetName, Mounted>();
  const loading = new Map<WidgetName, Promise<Mounted | null>>();
  const watches: TriggerWatch[] = [];
  const slotWidgets = config.widgets.filter((name) => WIDGETS[name].activation === 'slot');
  // Slots already looked at: the watch for late slots skips them (a product or page view re-checks them).
  const slotsChecked = new WeakSet<Element>();
  let slotWatch: MutationObserver | null = null;
  let slotTimer: ReturnType<typeof setTimeout> | undefined;
  let destroyed = false;

  const contextServices: ContextServices = {
    config,
    storage,
    endpoint,
    history: createProductHistory(storage, retentionMs, services.pageProduct),
    modal,
    identity: services.identity,
    visit: services.visit,
    track: services.track,
    emit: services.emit,
    warn,
    now: Date.now,
  };

  function mount(name: WidgetName, reason: MountReason, slot?: Element | null): Promise<Mounted | null> {
    const existing = mounted.get(name);
    if (existing && existing.place.host.isConnected) return Promise.resolve(existing);
    let pending = loading.get(name);
    if (pending) return pending;
    pending = (async () => {
      let place: Place | null = null;
      try {
        // The widget's chunk imports the shared UI chunk (Preact and friends): asking for both at once
        // saves the round trip the browser would wait before it finds that import.
        const [{ default: mountWidget }] = await Promise.all([WIDGETS[name].load(), import('preact')]);
        if (destroyed) return null;
        place = createWidgetHost(name, config.theme, slot, config.locale);
        const lift = tabLift(name, config);
        if (lift !== null) place.host.style.setProperty('--regulars-tab-lift', `${lift}px`);
        const handle = await mountWidget(createWidgetContext(contextServices, name, place, reason));
        if (destroyed) {
          // Destroyed while this widget was mounting: take it down again rather than leave it behind.
          handle.unmount();
          place.remove();
          return null;
        }
        const entry = { handle, place };
        mounted.set(name, entry);
        if (waitingSlots().length === 0) stopSlotWatch();
        return entry;
      } catch (error) {
        place?.remove();
        warn(name, 'widget-failed', String(error));
        return null;
      } finally {
        loading.delete(name);
      }
    })();
    loading.set(name, pending);
    return pending;
  }

  async function mountSlot(name: WidgetName): Promise<void> {
    const slot = document.querySelector(`[data-regulars-slot="${name}"]`);
    if (!slot || mounted.get(name)?.place.host.isConnected) return;
    slotsChecked.add(slot);
    const current = services.pageProduct();
    const history = await readHistory(storage, Date.now(), retentionMs);
    // Mounting only when there is something to show keeps an empty slot empty: nothing to shift.
    if (history.some((item) => item.id !== current?.id)) onIdle(() => void mount(name, 'page', slot));
  }

  /** Slot widgets not on the page (yet). */
  function waitingSlots(): WidgetName[] {
    return slotWidgets.filter((name) => !mounted.get(name)?.place.host.isConnected);
  }

  /**
   * Watches for a slot the page adds later (Ecwid's Instant Site adds it on OnPageLoaded), while a slot widget is not
   * mounted: while the page changes, one query at most every SLOT_CHECK_MS, and a storage read only for a slot not seen yet.
   */
  function watchLateSlots(): void {
    if (slotWatch || destroyed || waitingSlots().length === 0) return;
    slotWatch = new MutationObserver(() => {
      slotTimer ??= setTimeout(() => {
        slotTimer = undefined;
        for (const name of waitingSlots()) {
          const slot = document.querySelector(`[data-regulars-slot="${name}"]`);
          if (slot && !slotsChecked.has(slot)) void mountSlot(name);
        }
      }, SLOT_CHECK_MS);
    });
    slotWatch.observe(document.documentElement, { childList: true, subtree: true });
  }

  function stopSlotWatch(): void {
    slotWatch?.disconnect();
    slotWatch = null;
    clearTimeout(slotTimer);
    slotTimer = undefined;
  }

  async function activate(name: WidgetName, descriptor: WidgetDescriptor): Promise<void> {
    if (descriptor.needsEndpoint && !endpoint) {
      warn('endpoint', 'endpoint-needed', name);
      return;
    }
    if (descriptor.activation === 'idle') return onIdle(() => void mount(name, 'page'));
    if (descriptor.activation === 'slot') {
      watchLateSlots();
      return mountSlot(name);
    }
    if (descriptor.hideFromCustomers && services.identity().customer) return;
    const pinned = (await storage.get<WidgetName[]>(PINNED_KEY)) ?? [];
    if (pinned.includes(name)) return onIdle(() => void mount(name, 'pinned'));
    const rules = parseTriggerRules(config.options[name]?.trigger, descriptor.trigger ?? {}, `${OPTION_KEY[name]}.trigger`, warn);
    if (!(await createCaps(storage, name, Date.now).allows(rules.dismissDays ?? 7))) return;
    watches.push(
      watchTriggers(rules, services.visit, () => {
        if (!(descriptor.hideFromCustomers && services.identity().customer)) void mount(name, 'trigger');
      }),
    );
  }

  for (const name of config.widgets) void activate(name, WIDGETS[name]);

  return {
    config,
    open(name) {
      if (!config.widgets.includes(name)) return warn(`open('${name}')`, 'widget-disabled');
      if (WIDGETS[name].needsEndpoint && !endpoint) return warn('endpoint', 'endpoint-needed', name);
      let slot: Element | null = null;
      if (WIDGETS[name].activation === 'slot') {
        slot = document.querySelector(`[data-regulars-slot="${name}"]`);
        if (!slot) return warn(`open('${name}')`, 'no-slot', name);
      }
      void mount(name, 'command', slot).then((entry) => entry?.handle.open?.());
    },
    close(name) {
      mounted.get(name)?.handle.close?.();
    },
    refresh() {
      watches.forEach((watch) => watch.check());
      for (const name of slotWidgets) void mountSlot(name);
      // A single-page storefront may have replaced the slot along with the page.
      watchLateSlots();
      for (const { handle } of mounted.values()) handle.refresh?.();
    },
    identified() {
      const customer = services.identity().customer;
      for (const [name, entry] of mounted) {
        if (customer && WIDGETS[name].hideFromCustomers) entry.handle.close?.();
        entry.handle.refresh?.();
      }
    },
    destroy() {
      destroyed = true;
      stopSlotWatch();
      watches.splice(0).forEach((watch) => watch.stop());
      for (const [name, entry] of mounted) {
        try {
          entry.handle.unmount();
        } catch {
          // One widget failing to unmount must not keep the others on the page.
        }
        entry.place.remove();
        modal.release(name);
      }
      mounted.clear();
    },
  };
}
