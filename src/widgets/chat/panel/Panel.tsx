import { useEffect, useRef } from 'preact/hooks';
import type { Translator } from '../../../core/i18n';
import { LiveRegion } from '../../../ui/LiveRegion';
import { usePageScrollLock } from '../../../ui/scroll-lock';
import type { ChatShell } from '../shell';
import { Composer } from './Composer';
import { trapTab } from './focus-trap';
import { Messages } from './Messages';
import type { ChatModel } from './model';
import { useVisualViewport } from './viewport';

function statusText(model: ChatModel, t: Translator): string {
  const status = model.status.value;
  const minutes = model.replyTime.value;
  if (status === 'online') return minutes ? t.t('status.replyTime', { count: minutes }) : t.t('status.online');
  return t.t(`status.${status}`);
}

/** The chat dialog: header with status, the conversation, the message form and the shop's other channels. */
export function Panel({ model, shell }: { model: ChatModel; shell: ChatShell }) {
  const { t } = shell;
  const open = shell.open.value;
  const dialog = useRef<HTMLElement>(null);
  const viewport = useVisualViewport(open);
  // Only where the open panel covers the screen (the narrow layout of styles.css); beside it the page stays usable.
  usePageScrollLock(open, '(max-width: 479.98px)');
  const channels = model.channels.value;

  useEffect(() => {
    const panel = dialog.current;
    if (!open || !panel) return;
    const field = panel.querySelector<HTMLElement>('input, textarea');
    field?.focus({ preventScroll: true });
    // A short screen scrolls the panel as a whole: bring the whole form, Send included, into view, yet never the
    // focused field out of it at the top.
    const form = panel.querySelector('form');
    if (!form || !field) return;
    const frame = panel.getBoundingClientRect();
    panel.scrollTop += Math.max(0, form.getBoundingClientRect().bottom - frame.bottom);
    panel.scrollTop -= Math.max(0, frame.top - field.getBoundingClientRect().top);
  }, [open]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      model.close();
    } else if (event.key === 'Tab' && dialog.current) {
      trapTab(event, dialog.current);
    }
  };

  return (
    <section
      ref={dialog}
      class="panel"
      role="dialog"
      aria-modal="true"
      aria-labelledby="chat-title"
      aria-describedby="chat-status"
      hidden={!open}
      onKeyDown={onKeyDown}
      style={viewport}
    >
      {/* A div, not a header: inside the dialog a header would add a second banner landmark to the page. */}
      <div class="head">
        <div>
          <h2 id="chat-title">{t.t('title')}</h2>
          <p id="chat-status" class="status">
            {statusText(model, t)}
          </p>
        </div>
        <button type="button" class="close" aria-label={t.t('close')} onClick={model.close}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
          </svg>
        </button>
      </div>
      <div class="body">
        <Messages messages={model.messages.value} open={open} t={t} />
      </div>
      <Composer model={model} t={t} />
      {channels.length > 0 && (
        <nav class="channels" aria-label={t.t('channels')}>
          <ul>
            {channels.map((channel) => (
              <li key={channel.url}>
                <a href={channel.url} {...(/^https?:/.test(channel.url) ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
                  {channel.label ?? t.t(`channel.${channel.kind}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <LiveRegion announceKey={model.announcement.value.count}>{model.announcement.value.text}</LiveRegion>
    </section>
  );
}
