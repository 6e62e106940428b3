import { readChannels, type ChatChannel } from '../channels';

/** Who wrote a message. */
export type Author = 'shopper' | 'agent' | 'system';

/** Where a shopper's message stands: delivered, queued, queued after a failed try, or refused for good. */
export type Delivery = 'sent' | 'waiting' | 'failed' | 'rejected';

/** One message as the panel keeps and shows it. */
export interface ChatMessage {
  id: string;
  from: Author;
  text: string;
  /** Epoch milliseconds. */
  at: number;
  delivery?: Delivery;
}

/** The shopper's conversation as kept in storage across pages and reloads. */
export interface StoredConversation {
  id: string | null;
  /** The endpoint's cursor: the next poll asks only for messages after it. */
  cursor: string | null;
  messages: ChatMessage[];
  /** Agent messages that arrived while the panel was closed. */
  unread: number;
  email?: string;
  /** The customer it belongs to; absent when it was started anonymously. */
  customer?: string;
}

/** The most messages kept locally; older ones stay on the endpoint. */
export const MESSAGE_LIMIT = 200;

const AUTHORS: readonly unknown[] = ['shopper', 'agent', 'system'];

/** A fresh, empty conversation. */
export function emptyConversation(): StoredConversation {
  return { id: null, cursor: null, messages: [], unread: 0 };
}

function readTime(value: unknown): number | null {
  const at = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(at) ? at : null;
}

/** Reads one message from the endpoint or from storage; null when it is malformed. */
export function readMessage(value: unknown): ChatMessage | null {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const at = readTime(raw.at);
  if (typeof raw.id !== 'string' || !raw.id || !AUTHORS.includes(raw.from) || typeof raw.text !== 'string' || at === null) return null;
  const message: ChatMessage = { id: raw.id, from: raw.from as Author, text: raw.text, at };
  if (raw.delivery === 'sent' || raw.delivery === 'rejected') message.delivery = raw.delivery;
  return message;
}

function readCursor(value: unknown): string | null {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) ? String(value) : null;
}

/** Reads what storage holds (an older version, another tab's write, or nothing) as a valid conversation. */
export function readStoredConversation(value: unknown): StoredConversation {
  if (typeof value !== 'object' || value === null) return emptyConversation();
  const raw = value as Record<string, unknown>;
  const messages = Array.isArray(raw.messages) ? raw.messages.map(readMessage).filter((message) => message !== null) : [];
  return {
    id: typeof raw.id === 'string' && raw.id ? raw.id : null,
    cursor: readCursor(raw.cursor),
    messages,
    unread: typeof raw.unread === 'number' && raw.unread > 0 ? Math.floor(raw.unread) : 0,
    ...(typeof raw.email === 'string' && raw.email ? { email: raw.email } : {}),
    ...(typeof raw.customer === 'string' && raw.customer ? { customer: raw.customer } : {}),
  };
}

/**
 * The stored conversation as the current shopper (`customer`, or undefined when anonymous) may see it:
 * only whoever started it. One browser may serve several people in turn (a shared computer keeps
 * its shopper id across logouts), so a customer's conversation is theirs alone and an anonymous one,
 * perhaps another person's, is not shown to whoever logs in. The endpoint applies the same rule.
 */
export function visibleTo(conversation: StoredConversation, customer: string | undefined): StoredConversation {
  return conversation.customer === customer ? conversation : { ...emptyConversation(), ...(customer ? { customer } : {}) };
}

/** Adds `incoming` to `messages` by id (a delivered copy wins over a local one), oldest first, bounded. */
export function mergeMessages(messages: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const byId = new Map(messages.map((message) => [message.id, message]));
  for (const message of incoming) {
    const known = byId.get(message.id);
    byId.set(message.id, known ? { ...known, ...message, delivery: message.delivery ?? known.delivery } : message);
  }
  return [...byId.values()].sort((a, b) => a.at - b.at).slice(-MESSAGE_LIMIT);
}

/** The answer of `GET /chat/status`. */
export interface StatusAnswer {
  online: boolean;
  /** Typical minutes until a reply. */
  replyTime: number | null;
  channels: ChatChannel[];
  /** The endpoint offers `GET /chat/stream`. */
  stream: boolean;
}

/** Validates a `GET /chat/status` answer; null when it is not one. */
export function readStatusAnswer(value: unknown): StatusAnswer | null {
  if (typeof value !== 'object' || value === null || typeof (value as { online?: unknown }).online !== 'boolean') return null;
  const raw = value as Record<string, unknown>;
  // Up to a day: a longer "usual reply time" is a unit mistake (seconds for minutes), and the panel just says online.
  const replyTime = typeof raw.replyTime === 'number' && raw.replyTime > 0 && raw.replyTime <= 1440 ? Math.ceil(raw.replyTime) : null;
  return { online: raw.online as boolean, replyTime, channels: readChannels(raw.channels, 'channels'), stream: raw.stream === true };
}

/** The answer of `GET /chat/messages`. */
export interface MessagesAnswer {
  messages: ChatMessage[];
  cursor: string | null;
  online: boolean | null;
}

/** Validates a `GET /chat/messages` answer, dropping malformed messages; null when it is not one. */
export function readMessagesAnswer(value: unknown): MessagesAnswer | null {
  const raw = value as Record<string, unknown> | null;
  if (typeof raw !== 'object' || raw === null || !Array.isArray(raw.messages)) return null;
  return {
    messages: raw.messages.map(readMessage).filter((message) => message !== null),
    cursor: readCursor(raw.cursor),
    online: typeof raw.online === 'boolean' ? raw.online : null,
  };
}

/** The answer of `POST /chat/messages`. */
export interface SendAnswer {
  conversation: string;
  id: string;
  at: number;
}

/** Validates a `POST /chat/messages` answer; null when it is not one. */
export function readSendAnswer(value: unknown): SendAnswer | null {
  const raw = value as { conversation?: unknown; message?: { id?: unknown; at?: unknown } } | null;
  const at = readTime(raw?.message?.at);
  if (typeof raw?.conversation !== 'string' || !raw.conversation || typeof raw.message?.id !== 'string' || at === null) return null;
  return { conversation: raw.conversation, id: raw.message.id, at };
}

/** Merges a poll answer: returns the next conversation and the messages it had not seen before. */
export function applyPoll(conversation: StoredConversation, answer: MessagesAnswer, panelOpen: boolean): { next: StoredConversation; fresh: ChatMessage[] } {
  const known = new Set(conversation.messages.map((message) => message.id));
  const fresh = answer.messages.filter((message) => !known.has(message.id));
  const arrived = answer.messages.map((message) => (message.from === 'shopper' ? { ...message, delivery: 'sent' as const } : message));
  const fromShop = fresh.filter((message) => message.from !== 'shopper').length;
  return {
    next: {
      ...conversation,
      cursor: answer.cursor ?? conversation.cursor,
      messages: mergeMessages(conversation.messages, arrived),
      unread: panelOpen ? 0 : conversation.unread + fromShop,
    },
    fresh,
  };
}
