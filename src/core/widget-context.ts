import type {
  EndpointClient,
  Identity,
  KeyValueStore,
  ModalBudget,
  MountReason,
  Product,
  ProductHistory,
  ResolvedConfig,
  VisitInfo,
  WidgetContext,
  WidgetName,
} from '../types';
import type { CodedReport } from './messages';
import type { WidgetHost } from './mount';
import { createCaps } from './triggers';

/** The runtime services every widget context is built from. */
export interface ContextServices {
  config: ResolvedConfig;
  storage: KeyValueStore;
  endpoint: EndpointClient | null;
  history: ProductHistory;
  modal: ModalBudget;
  identity(): Identity;
  visit(): VisitInfo;
  track(type: string, data?: Record<string, unknown>, product?: Product): void;
  emit(name: string, detail?: unknown): void;
  warn: CodedReport;
  now(): number;
}

/** The storage key listing widgets that asked to mount on every page (teaser tabs, coupon reminders). */
export const PINNED_KEY = 'pinned';

/** Builds the context one widget mounts with. */
export function createWidgetContext(services: ContextServices, name: WidgetName, place: WidgetHost, reason: MountReason): WidgetContext {
  const { config, storage } = services;
  return {
    name,
    config,
    options: config.options[name] ?? {},
    root: place.root,
    host: place.host,
    adoptStyles: place.adoptStyles,
    reason,
    identity: services.identity,
    visit: services.visit,
    storage,
    endpoint: services.endpoint,
    history: services.history,
    modal: services.modal,
    caps: createCaps(storage, name, services.now),
    track: (type, data, product) => services.track(type, { widget: name, ...data }, product),
    emit: services.emit,
    async pin(pinned) {
      await storage.update<WidgetName[]>(PINNED_KEY, (list = []) =>
        pinned ? [...list.filter((item) => item !== name), name] : list.filter((item) => item !== name),
      );
    },
    warn: services.warn,
  };
}
