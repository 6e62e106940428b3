import type { MountWidget, WidgetName } from '../../types';
import type { TriggerRules } from '../../core/triggers';

/** When the runtime mounts a widget: in its page slot, on idle on every page, or when its trigger rules fire. */
export type Activation = 'slot' | 'idle' | 'trigger';

/** What the loader knows of a widget before its code is loaded. */
export interface WidgetDescriptor {
  activation: Activation;
  /** Default trigger rules, for `trigger` widgets. */
  trigger?: TriggerRules;
  /** The widget cannot work without the merchant endpoint. */
  needsEndpoint: boolean;
  /** The widget stays away from shoppers the host page identified (they have an account). */
  hideFromCustomers?: boolean;
  load(): Promise<{ default: MountWidget }>;
}

/** The widgets' descriptors; each `load` is a separate lazy chunk. */
export const WIDGETS: Record<WidgetName, WidgetDescriptor> = {
  'recently-viewed': {
    activation: 'slot',
    needsEndpoint: false,
    load: () => import('../recently-viewed/index'),
  },
  'account-prompt': {
    activation: 'trigger',
    trigger: { productViews: 3, dismissDays: 7, firstPage: false },
    needsEndpoint: true,
    hideFromCustomers: true,
    load: () => import('../account-prompt/index'),
  },
  chat: {
    activation: 'idle',
    needsEndpoint: true,
    load: () => import('../chat/index'),
  },
  'loyalty-wheel': {
    activation: 'trigger',
    trigger: { pages: 3, dismissDays: 7, firstPage: false },
    needsEndpoint: true,
    load: () => import('../loyalty-wheel/index'),
  },
};
