import { signal, type Signal } from '@preact/signals';
import type { ComponentType } from 'preact';
import type { Translator } from '../../core/i18n';
import type { ChatOptions } from './options';

/** The storage key of the shopper's conversation (messages, cursor, unread count). */
export const CONVERSATION_KEY = 'chat:conversation';
/** The storage key of the messages written but not yet delivered. */
export const OUTBOX_KEY = 'chat:outbox';

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
  };
}

/** What the panel chunk hands back to the launcher. */
export interface PanelControl {
  open(): void;
  close(): void;
  stop(): void;
}
