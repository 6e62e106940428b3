import { signal, type Signal } from '@preact/signals';
import type { ComponentType } from 'preact';
import type { Translator } from '../../core/i18n';
import type { ChatOptions } from './options';

/** Where the chat keeps its state in the bundle's storage. */
export const STORAGE_KEYS = {
  /** The shopper's conversation: messages, cursor, unread count, email. */
  conversation: 'chat:conversation',
  /** Messages written but not yet accepted by the endpoint. */
  outbox: 'chat:outbox',
} as const;

/** What the always-loaded launcher and the lazily loaded panel share. */
export interface ChatShell {
  options: ChatOptions;
  t: Translator;
  open: Signal<boolean>;
  unread: Signal<number>;
  /** Text for the launcher's live region (new messages while the panel is closed). */
  announcement: Signal<string>;
  /** The panel view, once its chunk loaded. */
  Panel: Signal<ComponentType | null>;
  launcher: { current: HTMLButtonElement | null };
  /**
   * `STORAGE_KEYS`, handed over rather than imported by the panel: any runtime import from the
   * launcher's chunk makes the bundler wrap that chunk's exports in a namespace helper that breaks
   * on pages whose scripts add enumerable properties to Object.prototype.
   */
  keys: typeof STORAGE_KEYS;
}

/** Creates the shared launcher state. */
export function createShell(options: ChatOptions, t: Translator): ChatShell {
  return {
    options,
    t,
    open: signal(false),
    unread: signal(0),
    announcement: signal(''),
    Panel: signal(null),
    launcher: { current: null },
    keys: STORAGE_KEYS,
  };
}

/** What the panel chunk hands back to the launcher. */
export interface PanelControl {
  open(): void;
  close(): void;
  refresh(): void;
  stop(): void;
}
