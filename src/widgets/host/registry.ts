import type { MountWidget, WidgetName } from '../../types';
import type { TriggerRules } from '../../core/triggers';
import { WIDGET_RULES } from './widget-rules';

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
  'recently-viewed': { ...WIDGET_RULES['recently-viewed'], load: () => import('../recently-viewed/index') },
  'account-prompt': { ...WIDGET_RULES['account-prompt'], load: () => import('../account-prompt/index') },
  chat: { ...WIDGET_RULES.chat, load: () => import('../chat/index') },
  'loyalty-wheel': { ...WIDGET_RULES['loyalty-wheel'], load: () => import('../loyalty-wheel/index') },
};
