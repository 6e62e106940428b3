import type { WidgetName } from '../../types';
import type { WidgetDescriptor } from './registry';

/**
 * What the runtime knows of each widget without its code: when it activates, its default trigger
 * rules, whether it needs the endpoint. Kept apart from the lazy `load` functions so tools that
 * validate a config (the configurator's `dist/config.js`) can read it without pulling in widget code.
 */
export const WIDGET_RULES: Record<WidgetName, Omit<WidgetDescriptor, 'load'>> = {
  'recently-viewed': { activation: 'slot', needsEndpoint: false },
  'account-prompt': { activation: 'trigger', trigger: { productViews: 3, dismissDays: 7, firstPage: false }, needsEndpoint: true, hideFromCustomers: true },
  chat: { activation: 'idle', needsEndpoint: true },
  'loyalty-wheel': { activation: 'trigger', trigger: { pages: 3, dismissDays: 7, firstPage: false }, needsEndpoint: true },
};
