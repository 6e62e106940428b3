import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Translator } from '../../../core/i18n';
import type { ChatMessage } from './conversation';

function formatTime(t: Translator, at: number): string {
  const sameDay = new Date(at).toDateString() === new Date().toDateString();
  return t.date(at, sameDay ? { hour: 'numeric', minute: '2-digit' } : { dateStyle: 'short', timeStyle: 'short' });
}

/** The conversation: every message as plain text with its author, time and, for the shopper's, delivery state. */
export function Messages({ messages, open, t }: { messages: ChatMessage[]; open: boolean; t: Translator }) {
  const list = useRef<HTMLOListElement>(null);
  // Whether the list shows its newest message: a shopper reading back up is not pulled down by a new reply.
  const atEnd = useRef(true);
  useLayoutEffect(() => {
    if (open) atEnd.current = true;
  }, [open]);
  useLayoutEffect(() => {
    const newest = messages[messages.length - 1];
    // The shopper's own message always shows: they just sent it.
    if (list.current && (atEnd.current || newest?.from === 'shopper')) list.current.scrollTop = list.current.scrollHeight;
  }, [messages.length, open]);
  const onScroll = () => {
    const element = list.current!;
    atEnd.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
  };
  if (!messages.length) return <p class="empty">{t.t('empty')}</p>;
  return (
    // Focusable so keyboard users can scroll a long conversation.
    <ol ref={list} class="messages" tabIndex={0} aria-label={t.t('conversation')} onScroll={onScroll}>
      {messages.map((message) => (
        <li key={message.id} class={`message ${message.from}`}>
          <span class="visually-hidden">{t.t(`from.${message.from}`)}: </span>
          <p class="text">{message.text}</p>
          <p class="meta">
            <time dateTime={new Date(message.at).toISOString()}>{formatTime(t, message.at)}</time>
            {message.delivery && ' · '}
            {message.delivery && <span class={`delivery ${message.delivery}`}>{t.t(`delivery.${message.delivery}`)}</span>}
          </p>
        </li>
      ))}
    </ol>
  );
}
