import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { EndpointFailure, WidgetContext } from '../../../types';
import { readChannels, type ChatChannel } from '../channels';
import type { ChatShell } from '../shell';
import {
  applyPoll,
  emptyConversation,
  mergeMessages,
  readMessagesAnswer,
  readSendAnswer,
  readStatusAnswer,
  readStoredConversation,
  visibleTo,
  type ChatMessage,
  type MessagesAnswer,
  type StoredConversation,
} from './conversation';
import { countFailure, dequeue, enqueue, pendingMessages, readOutbox, type OutboxItem } from './outbox';
import { captureShopperContext, pageContext } from './shopper-context';
import { endpointUrl } from '../../../core/endpoint';
import { randomId } from '../../../core/ids';

/** What the panel knows of the shop: asking, someone is there, nobody is there, or the endpoint cannot be reached. */
export type Reachability = 'checking' | 'online' | 'offline' | 'unreachable';

/** First poll interval while the panel is open; it grows while nothing new arrives. */
export const FAST_POLL_MS = 2000;
/** Longest poll interval while the panel is open. */
export const FAST_POLL_MAX_MS = 15_000;
/** Poll interval while the panel is closed, for the unread badge. */
export const CLOSED_POLL_MS = 60_000;
/** A closed panel polls only for conversations with a message this recent; older ones are checked when opened. */
export const ACTIVE_WINDOW_MS = 86_400_000;
/** How long a known online/offline status is trusted before it is asked again. */
export const STATUS_MAX_AGE_MS = 60_000;
/** A stream that ends after lasting this long ended normally (the endpoint ends each within a minute): it reopens at once. */
export const STREAM_HEALTHY_MS = 10_000;
/** How long the open panel polls after a stream failed before it tries the stream again. */
export const STREAM_RETRY_MS = 60_000;
/** Longest wait between delivery tries of a queued message. */
export const RETRY_MAX_MS = 60_000;
/** Replies announced within this many ms of the last announcement are read together with it. */
export const ANNOUNCE_JOIN_MS = 1500;
/** Longest message a shopper can send. */
export const MESSAGE_MAX_LENGTH = 2000;

// Deliberately loose, as the endpoint's check: one "@", no spaces, a dot in the domain.
const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

/** The chat's state and side effects: conversation, outbox delivery, the reply stream, polling, unread count. */
export interface ChatModel {
  status: ReadonlySignal<Reachability>;
  replyTime: ReadonlySignal<number | null>;
  channels: ReadonlySignal<ChatChannel[]>;
  /** Delivered, waiting and failed messages, oldest first. */
  messages: ReadonlySignal<ChatMessage[]>;
  /** True when the panel must ask for an email before a message can be left. */
  askEmail: ReadonlySignal<boolean>;
  draft: Signal<string>;
  email: Signal<string>;
  messageError: ReadonlySignal<string>;
  emailError: ReadonlySignal<string>;
  /** Text for the panel's live region (incoming messages while open), counted so a repeated text is announced again. */
  announcement: ReadonlySignal<{ text: string; count: number }>;
  /** Settles once the stored conversation and outbox are loaded. */
  ready: Promise<void>;
  /** Validates and queues the draft, then tries to deliver it; false when a field needs fixing. */
  send(): Promise<boolean>;
  /** Delivers queued messages in order, each at most once. */
  flush(): Promise<void>;
  open(): void;
  close(): void;
  /** Re-reads who the shopper is and shows what they may see (after a login or a logout without a page load). */
  refresh(): void;
  stop(): void;
}

function retryable(failure: EndpointFailure | undefined): boolean {
  const status = failure?.status;
  // `http_<status>`: an answer without the contract's error body, so not the endpoint refusing (a captive portal's or
  // a firewall's page); like the events, the message waits for the endpoint itself.
  return (
    typeof status !== 'number' ||
    status === 0 ||
    status === 408 ||
    status === 425 ||
    status === 429 ||
    status >= 500 ||
    failure?.code === 'invalid_response' ||
    failure?.code === `http_${status}`
  );
}

function invalidAnswer(): EndpointFailure {
  return { code: 'invalid_response', status: 200 };
}

/** Creates the chat model; it starts delivering and polling at once (streaming while open, when offered) and stops with `stop()`. */
export function createChatModel(context: WidgetContext, shell: ChatShell, now: () => number = Date.now): ChatModel {
  const endpoint = context.endpoint!;
  const { storage } = context;
  const { conversation: conversationKey, outbox: outboxKey } = shell.keys;
  const t = shell.t;
  const conversation = signal<StoredConversation>(emptyConversation());
  const outbox = signal<OutboxItem[]>([]);
  const status = signal<Reachability>('checking');
  const replyTime = signal<number | null>(null);
  const serverChannels = signal<ChatChannel[]>([]);
  const draft = signal('');
  const email = signal('');
  const messageError = signal('');
  const emailError = signal('');
  const announcement = signal({ text: '', count: 0 });
  const ownChannels = readChannels(context.options.channels, 'chat.channels', context.warn);
  let statusAt = -Infinity;
  let pollDelay = FAST_POLL_MS;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let flushing: Promise<void> | null = null;
  let flushAgain = false;
  let stopped = false;
  /** Messages sent but not yet written to the outbox. */
  const unsaved = new Set<OutboxItem>();
  let emittedUnread = 0;
  /** Who the panel last showed the conversation to: a change (a logout without a page load) clears the form too. */
  let shownTo: string | undefined | null = null;
  /** When the open panel last announced replies: a stream sends each reply apart, and one that follows at once joins the last. */
  let announcedAt = -Infinity;
  let ticking = false;
  /** Whether the status route answered yet on this page. */
  let statusRead = false;
  let tickAgain = false;
  let stream: EventSource | undefined;
  /** The conversation the open stream follows. */
  let streamFor: string | null = null;
  let streamOffered = false;
  let streamRetryAt = 0;

  /** The customer using the browser now: a conversation or queued message of another one is not shown to them. */
  const viewer = () => context.identity().customer;
  const knownEmail = () => conversation.value.email ?? context.identity().email;
  const askEmail = computed(() => (status.value === 'offline' || status.value === 'unreachable') && !knownEmail());

  function applyConversation(value: StoredConversation): void {
    conversation.value = value = visibleTo(value, viewer());
    const unread = shell.open.value ? 0 : value.unread;
    shell.unread.value = unread;
    if (unread !== emittedUnread) context.emit('chat:unread', { count: (emittedUnread = unread) });
    syncStream();
  }

  function closeStream(): void {
    stream?.close();
    stream = undefined;
    streamFor = null;
  }

  // One stream per open, visible panel: a hidden tab polls slowly, and each stream holds one of the browser's few connections to the host.
  function syncStream(): void {
    const id = !stopped && streamOffered && shell.open.value && !document.hidden && now() >= streamRetryAt ? conversation.value.id : null;
    if (id === streamFor) return;
    closeStream();
    if (!id) return;
    const { shopper, customer, identityHash } = context.identity();
    const started = now();
    const source = (stream = new EventSource(
      endpointUrl(context.config.endpoint!, '/chat/stream', { shopper, customer, identityHash, conversation: id, after: conversation.value.cursor ?? undefined }),
    ));
    streamFor = id;
    source.addEventListener('messages', (event) => {
      let answer: MessagesAnswer | null = null;
      try {
        answer = readMessagesAnswer(JSON.parse(event.data));
      } catch {}
      // Polling takes over when an event cannot be kept: the cursor did not move, so nothing is skipped.
      if (answer) receive(id, answer).catch(() => schedulePoll(0));
    });
    source.onerror = () => {
      // EventSource would reconnect with its first URL's cursor: reopen from the latest one instead, at once after a
      // stream that lasted, else poll (fast again) for a while before the next try.
      closeStream();
      if (now() - started < STREAM_HEALTHY_MS) {
        streamRetryAt = now() + STREAM_RETRY_MS;
        pollDelay = FAST_POLL_MS;
        schedulePoll(0);
      }
      syncStream();
    };
  }

  async function updateConversation(updater: (old: StoredConversation) => StoredConversation): Promise<void> {
    // Whatever is written belongs to whoever uses the browser now (the updater starts from what they may see).
    const owner = viewer();
    applyConversation(
      await storage.update<StoredConversation>(conversationKey, (old) => {
        const { customer: _previous, ...next } = updater(visibleTo(readStoredConversation(old), owner));
        return owner ? { ...next, customer: owner } : next;
      }),
    );
  }

  function setOnline(online: boolean): void {
    const wasReachable = status.value !== 'unreachable';
    status.value = online ? 'online' : 'offline';
    statusAt = now();
    if (!wasReachable && outbox.value.length) void flush();
  }

  async function refreshStatus(): Promise<void> {
    try {
      const answer = readStatusAnswer(await endpoint.request('/chat/status', { timeoutMs: 6000 }));
      if (!answer) throw invalidAnswer();
      replyTime.value = answer.replyTime;
      serverChannels.value = answer.channels;
      streamOffered = answer.stream && typeof EventSource == 'function';
      statusRead = true;
      setOnline(answer.online);
    } catch {
      status.value = 'unreachable';
    }
  }

  function schedulePoll(delay: number): void {
    clearTimeout(pollTimer);
    if (!stopped) pollTimer = setTimeout(() => void tick(), delay);
  }

  function watching(): boolean {
    const { id, messages } = conversation.value;
    return shell.open.value || (!!id && now() - (messages[messages.length - 1]?.at ?? 0) < ACTIVE_WINDOW_MS);
  }

  async function poll(): Promise<boolean> {
    const before = conversation.value;
    if (!before.id) return false;
    let answer: ReturnType<typeof readMessagesAnswer>;
    try {
      answer = readMessagesAnswer(
        await endpoint.request('/chat/messages', { query: { conversation: before.id, after: before.cursor ?? undefined }, timeoutMs: 10_000 }),
      );
    } catch (error) {
      const code = (error as EndpointFailure | undefined)?.code;
      if (code !== 'unknown_conversation' && code !== 'invalid_cursor') throw error;
      // The endpoint forgot the conversation (or the cursor): the next message starts or joins the shopper's latest one.
      await updateConversation((old) => (old.id === before.id ? { ...old, cursor: null, ...(code === 'unknown_conversation' ? { id: null } : {}) } : old));
      return false;
    }
    if (!answer) throw invalidAnswer();
    return receive(before.id, answer);
  }

  /** Applies an answer of a poll or a stream event to conversation `id`; true when it brought something new. */
  async function receive(id: string, answer: MessagesAnswer): Promise<boolean> {
    if (answer.online !== null) setOnline(answer.online);
    const open = shell.open.value;
    let fresh: ChatMessage[] = [];
    await updateConversation((old) => {
      fresh = [];
      if (old.id !== id) return old;
      const merged = applyPoll(old, answer, open);
      fresh = merged.fresh;
      return merged.next;
    });
    const fromShop = fresh.filter((message) => message.from !== 'shopper');
    for (const message of fromShop) {
      if (message.from === 'agent') context.emit('chat:message', { id: message.id, text: message.text, at: new Date(message.at).toISOString() });
    }
    // Every new message is read out, not only the latest of a batch (a poll can bring several).
    if (fromShop.length && open) {
      let text = fromShop.map((message) => t.t('announce.agent', { text: message.text })).join(' ');
      // A reply right behind the last one would cut it off mid-sentence: both are read, in order.
      if (now() - announcedAt < ANNOUNCE_JOIN_MS) text = `${announcement.value.text} ${text}`;
      announcedAt = now();
      announcement.value = { text, count: announcement.value.count + 1 };
    } else if (fromShop.length) shell.announcement.value = t.t('announce.unread', { count: conversation.value.unread });
    return fresh.length > 0;
  }

  async function tick(): Promise<void> {
    // One round at a time (an open and a delivery can both ask for one at once); a request meanwhile gets one more after it.
    if (ticking) return void (tickAgain = true);
    ticking = true;
    try {
      await tickOnce();
    } finally {
      ticking = false;
      if (tickAgain && !stopped) {
        tickAgain = false;
        schedulePoll(0);
      }
    }
  }

  async function tickOnce(): Promise<void> {
    if (stopped || !watching()) return;
    const open = shell.open.value && !document.hidden;
    let wait = CLOSED_POLL_MS;
    try {
      const known = status.value === 'online' || status.value === 'offline';
      // A closed panel's polls tell online or away, but only the status route brings the channels, reply time and stream.
      if (shell.open.value && (!statusRead || !known || now() - statusAt > STATUS_MAX_AGE_MS)) await refreshStatus();
      const news = await poll();
      // A stream that failed is tried again from here once its retry time has come.
      syncStream();
      pollDelay = news ? FAST_POLL_MS : Math.min(Math.round(pollDelay * 1.5), FAST_POLL_MAX_MS);
      // A stream brings replies itself; a slow poll stays as a safety net and keeps the status fresh.
      if (open) wait = stream ? CLOSED_POLL_MS : pollDelay;
    } catch (error) {
      if (shell.open.value) status.value = 'unreachable';
      pollDelay = FAST_POLL_MAX_MS;
      const retryAt = (error as EndpointFailure | undefined)?.retryAt;
      wait = Math.max(open ? FAST_POLL_MAX_MS : CLOSED_POLL_MS, retryAt ? retryAt - now() : 0);
    }
    schedulePoll(wait);
  }

  async function settle(item: OutboxItem, delivered: ChatMessage, conversationId: string | null): Promise<void> {
    // The conversation gets the message before the outbox drops it: a reload in between shows it once and re-sends the same id, which the endpoint ignores.
    // A message someone else wrote before they logged out went to their conversation, which is not shown here.
    if (item.customer === viewer()) {
      await updateConversation((old) => ({
        ...old,
        id: conversationId ?? old.id,
        cursor: conversationId && conversationId !== old.id ? null : old.cursor,
        messages: mergeMessages(old.messages, [delivered]),
        ...(item.email ? { email: item.email } : {}),
        ...(item.customer ? { customer: item.customer } : {}),
      }));
    }
    outbox.value = await dequeue(storage, outboxKey, item.id);
  }

  /** The body of `POST /chat/messages` for a queued message, posted into `conversationId` when known. */
  function messageBody(item: OutboxItem, conversationId: string | null) {
    const { id, text, email, customer, identityHash } = item;
    return { conversation: conversationId ?? undefined, id, text, email, context: item.context, customer, identityHash };
  }

  async function deliverAll(): Promise<void> {
    clearTimeout(retryTimer);
    for (;;) {
      const [item] = readOutbox(await storage.get(outboxKey));
      if (!item || stopped) return;
      // Each message goes as whoever wrote it (the body's identity wins over the current one): one written before a
      // logout still reaches its customer's conversation, never the next user's.
      const conversationId = item.customer === viewer() ? conversation.value.id : null;
      try {
        const answer = readSendAnswer(await endpoint.request('/chat/messages', { body: messageBody(item, conversationId), timeoutMs: 10_000 }));
        if (!answer) throw invalidAnswer();
        await settle(item, { id: item.id, from: 'shopper', text: item.text, at: answer.at, delivery: 'sent' }, answer.conversation);
        if (status.value === 'unreachable') void refreshStatus();
        schedulePoll(shell.open.value && !stream ? (pollDelay = FAST_POLL_MS) : CLOSED_POLL_MS);
      } catch (error) {
        const failure = error as EndpointFailure | undefined;
        if (failure?.code === 'unknown_conversation' && conversationId) {
          // The endpoint forgot the conversation: the same message (same id) starts or joins the shopper's latest one.
          await updateConversation((old) => ({ ...old, id: null, cursor: null }));
          continue;
        }
        if (!retryable(failure)) {
          await settle(item, { id: item.id, from: 'shopper', text: item.text, at: item.at, delivery: 'rejected' }, null);
          continue;
        }
        if (failure?.status === 0 || (failure?.status ?? 0) >= 500) status.value = 'unreachable';
        outbox.value = await countFailure(storage, outboxKey, item.id);
        const wait = Math.max(Math.min(RETRY_MAX_MS, 2000 * 2 ** item.attempts), (failure?.retryAt ?? 0) - now());
        if (!stopped) retryTimer = setTimeout(() => void flush(), wait);
        return;
      }
    }
  }

  function flush(): Promise<void> {
    // A message queued while a round is finishing must not wait for the next retry: run one more round.
    if (flushing) {
      flushAgain = true;
      return flushing;
    }
    flushing = (async () => {
      do {
        flushAgain = false;
        await deliverAll();
      } while (flushAgain && !stopped);
    })().finally(() => (flushing = null));
    return flushing;
  }

  async function send(): Promise<boolean> {
    const text = draft.value.trim().slice(0, MESSAGE_MAX_LENGTH);
    const asked = askEmail.value;
    const address = asked ? email.value.trim() : (knownEmail() ?? '');
    messageError.value = text ? '' : t.t('message.required');
    emailError.value = asked && !EMAIL_PATTERN.test(address) ? t.t('email.invalid') : '';
    if (messageError.value || emailError.value) return false;
    draft.value = '';
    const { customer, identityHash } = context.identity();
    const item: OutboxItem = {
      id: randomId(),
      text,
      ...(address ? { email: address } : {}),
      ...(customer ? { customer, identityHash } : {}),
      context: pageContext(context),
      at: now(),
      attempts: 0,
    };
    // Until the outbox holds it, the message lives only here: a tab closed meanwhile sends it on its way out.
    unsaved.add(item);
    try {
      item.context = await captureShopperContext(context);
      outbox.value = await enqueue(storage, outboxKey, item);
    } finally {
      unsaved.delete(item);
    }
    if (asked) await updateConversation((old) => ({ ...old, email: address }));
    context.track('chat_message_sent', { message: item.id, online: status.value === 'online' });
    void flush();
    return true;
  }

  /** Shows what the current shopper may see of the stored conversation and queue; a new shopper also gets an empty form. */
  async function resync(): Promise<void> {
    const [stored, queued] = await Promise.all([storage.get(conversationKey), storage.get(outboxKey)]);
    if (stopped) return;
    applyConversation(readStoredConversation(stored));
    outbox.value = readOutbox(queued);
    if (viewer() === shownTo) return;
    const first = shownTo === null;
    shownTo = viewer();
    // The first look only fills in the known email: the shopper may already be typing in the panel that just opened.
    if (first) {
      email.value ||= knownEmail() ?? '';
      return;
    }
    email.value = knownEmail() ?? '';
    draft.value = '';
  }

  function open(): void {
    // Not over another widget's dialog (regulars('open', 'chat') while the wheel is open): the panel would sit under its backdrop.
    if (stopped || shell.open.value || !context.modal.request('chat')) return;
    shell.open.value = true;
    shell.announcement.value = '';
    applyConversation(conversation.value);
    // Whoever opens the panel may not be who wrote the stored conversation (a logout without a page load).
    void resync();
    // The stored count is cleared once loaded, so the badge stays cleared on the next page.
    void ready.then(() => {
      if (conversation.value.unread && shell.open.value) return updateConversation((old) => ({ ...old, unread: 0 }));
    });
    context.track('chat_opened');
    context.emit('chat:opened', {});
    pollDelay = FAST_POLL_MS;
    schedulePoll(0);
    if (outbox.value.length) void flush();
  }

  function close(): void {
    if (!shell.open.value) return;
    const focused = context.root.activeElement;
    shell.open.value = false;
    context.modal.release('chat');
    // Focus inside the panel would be lost when it hides; focus elsewhere on the page is the shopper's own.
    if (focused && focused !== shell.launcher.current) shell.launcher.current?.focus();
    closeStream();
    schedulePoll(CLOSED_POLL_MS);
  }

  const onOnline = () => void flush();
  const onPageHide = () => {
    closeStream();
    // Same id as the outbox copy, if its write still lands: the endpoint stores the message once either way.
    for (const item of unsaved) {
      const conversationId = item.customer === viewer() ? conversation.value.id : null;
      endpoint.request('/chat/messages', { body: messageBody(item, conversationId), keepalive: true }).catch(() => undefined);
    }
  };
  const onVisible = () => {
    syncStream();
    if (document.hidden) return;
    if (outbox.value.length) void flush();
    if (shell.open.value) schedulePoll(0);
  };
  addEventListener('online', onOnline);
  // The stream ends with the page; a page restored from the back/forward cache reopens it once shown (visibilitychange).
  addEventListener('pagehide', onPageHide);
  document.addEventListener('visibilitychange', onVisible);
  const unsubscribe = [
    storage.subscribe(conversationKey, () => void storage.get(conversationKey).then((value) => !stopped && applyConversation(readStoredConversation(value)))),
    storage.subscribe(outboxKey, () => void storage.get(outboxKey).then((value) => !stopped && (outbox.value = readOutbox(value)))),
  ];

  const ready = resync().then(() => {
    if (stopped) return;
    if (outbox.value.length) void flush();
    schedulePoll(0);
  });

  return {
    status,
    replyTime,
    channels: computed(() => [...ownChannels, ...serverChannels.value.filter((channel) => !ownChannels.some((mine) => mine.url === channel.url))]),
    messages: computed(() => [...conversation.value.messages, ...pendingMessages(outbox.value, conversation.value.messages, viewer())]),
    askEmail,
    draft,
    email,
    messageError,
    emailError,
    announcement,
    ready,
    send,
    flush,
    open,
    close,
    refresh: () => void resync(),
    stop() {
      stopped = true;
      clearTimeout(pollTimer);
      clearTimeout(retryTimer);
      closeStream();
      removeEventListener('online', onOnline);
      removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onVisible);
      unsubscribe.forEach((undo) => undo());
      if (shell.open.value) context.modal.release('chat');
    },
  };
}
