import { effect } from '@preact/signals';
import { h, render } from 'preact';
import { loadTranslator } from '../../core/i18n';
import type { MountWidget } from '../../types';
import { Launcher } from './Launcher';
import en from './locales/en';
import { parseOptions } from './options';
import { createShell, type PanelControl } from './shell';
import css from './styles.css?inline';

/** How long after mounting the panel's code is fetched anyway, so a first open without hover or focus is still instant. */
const PREFETCH_AFTER_MS = 4000;

/**
 * Mounts the chat launcher: only the button lives in this chunk; the panel, its model and its
 * styles are a nested chunk loaded on intent (hover, focus), on idle after a few seconds, or on open.
 */
const mount: MountWidget = async (context) => {
  if (!context.endpoint) {
    context.warn('chat', 'chat-endpoint');
    return { unmount() {} };
  }
  const options = parseOptions(context.options, context.warn);
  const translator = await loadTranslator(context.config, en, import.meta.glob<{ default: typeof en }>(['./locales/*.ts', '!./locales/en.ts', '!./locales/*.test.ts']), 'chat');
  const shell = createShell(options, translator);
  if (options.color) context.host.style.setProperty('--regulars-chat-color', options.color);
  if (options.position === 'left') context.host.setAttribute('data-regulars-position', 'left');
  context.adoptStyles(css);

  let stopped = false;
  let panel: Promise<PanelControl | null> | null = null;
  const loadPanel = () =>
    (panel ??= import('./panel/index')
      .then((chunk) => (stopped ? null : chunk.startPanel(context, shell)))
      .catch(() => {
        context.warn('chat', 'chat-panel');
        panel = null;
        return null;
      }));
  const openPanel = () => void loadPanel().then((control) => control?.open());

  const idle = (globalThis as { requestIdleCallback?: (run: () => void) => number }).requestIdleCallback;
  const prefetch = setTimeout(() => (idle ? idle(() => void loadPanel()) : void loadPanel()), PREFETCH_AFTER_MS);
  void context.storage.get<{ unread?: unknown; customer?: unknown }>(shell.keys.conversation).then((stored) => {
    const unread = stored?.unread;
    // Another customer's conversation (stored before a logout) is not this shopper's to be told about (panel/conversation.ts visibleTo).
    const theirs = stored?.customer === undefined || stored.customer === context.identity().customer;
    if (theirs && typeof unread === 'number' && unread > 0 && !shell.open.value) shell.unread.value = unread;
  });

  // Open, the panel covers a phone's screen: it must also cover the other widgets' tabs, which share its layer.
  const stopRaising = effect(() => {
    context.host.toggleAttribute('data-regulars-open', shell.open.value);
  });

  render(
    h(Launcher, {
      shell,
      onToggle: () => (shell.open.value ? void panel?.then((control) => control?.close()) : openPanel()),
      onIntent: () => void loadPanel(),
    }),
    context.root,
  );

  return {
    unmount() {
      stopped = true;
      clearTimeout(prefetch);
      stopRaising();
      void panel?.then((control) => control?.stop());
      render(null, context.root);
    },
    open: openPanel,
    close: () => void panel?.then((control) => control?.close()),
  };
};

export default mount;
