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
  // The badge before the panel's code loads: only for the conversation of whoever uses the browser now (panel/conversation.ts visibleTo).
  const showUnread = () =>
    void context.storage.get<{ unread?: unknown; customer?: unknown }>(shell.keys.conversation).then((stored) => {
      const unread = stored?.customer === context.identity().customer ? stored?.unread : 0;
      if (!shell.open.value) shell.unread.value = typeof unread === 'number' && unread > 0 ? unread : 0;
    });
  showUnread();

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
    // A login or logout without a page load: the badge and the panel follow whoever uses the browser now.
    refresh() {
      if (panel) void panel.then((control) => control?.refresh());
      else showUnread();
    },
  };
};

export default mount;
