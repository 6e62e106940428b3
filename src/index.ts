/**
 * The ESM entry for developers who bundle: `import { regulars } from 'regulars'`. Importing it
 * installs the same command function the script tag installs (through install.ts), reading the
 * page's JSON config block; without one, Regulars starts at `regulars('init', { … })`. When the
 * script tag already ran, the export is that instance. On a server (no window) it does nothing.
 */
import type { RegularsCommand } from './types';
import { install } from './install';

export type {
  AccountPromptConfig,
  ChatChannelConfig,
  ChatConfig,
  CommandName,
  ConsentChoice,
  ConsentMode,
  HostEventDetails,
  HostListener,
  IdentifyArgs,
  LoyaltyWheelConfig,
  Product,
  RecentlyViewedConfig,
  RegularsCommand,
  RegularsConfig,
  RegularsWindowEvents,
  Theme,
  TriggerConfig,
  WidgetName,
} from './types';

const inert: RegularsCommand = () => {};

/** The Regulars command function: `regulars('track', 'wishlist_added', { sku })`, `regulars('open', 'chat')`, … */
export const regulars: RegularsCommand = (typeof window === 'undefined' ? undefined : install({ script: null })) ?? inert;
