/**
 * The shopper's side of chat: `GET /chat/status`, `POST /chat/messages` (idempotent by
 * message id, so a message queued offline and sent twice is stored once) and
 * `GET /chat/messages` (polling with a cursor); `GET /chat/stream` (chat-stream.ts) pushes the same answers.
 */
import { identityHashMatches } from './auth';
import type { RouteContext } from './context';
import { HttpError, json } from './http';
import { mayContinue, type ConversationDetails, type MessageRecord } from './store';
import {
  optionalEmail,
  optionalString,
  requireObject,
  requireShopper,
  requireString,
  type JsonObject,
} from './validate';

/** Longest chat message accepted. */
export const MAX_MESSAGE_LENGTH = 2000;
/** Largest `context` accepted, as JSON characters: enough for a page and a few products. */
const MAX_CONTEXT_LENGTH = 8192;
/** Most messages one poll returns; the client polls again from the new cursor for more. */
const PAGE_SIZE = 100;

/** A message as clients see it. */
export function publicMessage(message: MessageRecord): { id: string; from: string; text: string; at: string } {
  return { id: message.id, from: message.from, text: message.text, at: new Date(message.at).toISOString() };
}

/** Reads the `after` cursor: absent or empty means from the start. */
export function readCursor(value: string | null): number {
  if (value === null || value === '') return 0;
  if (!/^\d{1,15}$/.test(value)) throw new HttpError(400, 'invalid_cursor', 'after must be a cursor returned by an earlier answer.');
  return Number(value);
}

/** The cursor to answer: the last message returned, or the one the client sent when nothing is new. */
export function nextCursor(messages: readonly MessageRecord[], after: number): string {
  return String(messages.length > 0 ? messages[messages.length - 1]!.seq : after);
}

/** True while an agent's inbox has sent a heartbeat recently (before `now`, the request's time unless a stream says otherwise). */
export async function agentOnline(context: RouteContext, now = context.now): Promise<boolean> {
  const last = await context.options.store.lastHeartbeat();
  return last !== null && now - last <= context.options.chat.agentPresenceMs;
}

/**
 * Who the shopper is, from `customer` and `identityHash`. With an identity secret, a customer id
 * without a hash is ignored and a wrong hash is refused, so nobody can pose as another customer;
 * without a secret the id is kept but marked unverified.
 */
async function readDetails(context: RouteContext, body: JsonObject): Promise<ConversationDetails> {
  const customer = optionalString(body.customer, { path: 'customer', max: 128 });
  const identityHash = optionalString(body.identityHash, { path: 'identityHash', max: 128 });
  const email = optionalEmail(body.email);
  let contextValue: JsonObject | null = null;
  if (body.context !== undefined && body.context !== null) {
    contextValue = requireObject(body.context, 'context');
    if (JSON.stringify(contextValue).length > MAX_CONTEXT_LENGTH) {
      throw new HttpError(400, 'invalid_request', `context must be at most ${MAX_CONTEXT_LENGTH} characters of JSON.`);
    }
  }
  const secret = context.options.identitySecret;
  let verified = false;
  let knownCustomer: boolean;
  if (secret === null) {
    knownCustomer = customer !== undefined || contextValue?.knownCustomer === true;
  } else {
    if (customer !== undefined && identityHash !== undefined) {
      if (!(await identityHashMatches(secret, customer, identityHash))) {
        throw new HttpError(403, 'identity_mismatch', 'identityHash does not match customer.');
      }
      verified = true;
    }
    // With a secret configured only a verified customer jumps the queue: the bundle's flag could be forged.
    knownCustomer = verified;
  }
  return {
    ...(customer !== undefined && (secret === null || verified) ? { customer } : {}),
    verified,
    ...(email ? { email } : {}),
    knownCustomer,
    context: contextValue,
  };
}

/**
 * Answers whether an agent is online, the typical reply time, the shop's other channels, and
 * `stream: true` (this endpoint offers `GET /chat/stream`; endpoints that do not are never asked).
 */
export async function getChatStatus(context: RouteContext): Promise<Response> {
  const { replyTimeMinutes, channels } = context.options.chat;
  return json(200, {
    online: await agentOnline(context),
    ...(replyTimeMinutes !== null ? { replyTime: replyTimeMinutes } : {}),
    channels,
    stream: true,
  });
}

/** Stores a shopper's message once per id and answers its conversation, id and time. */
export async function postChatMessage(context: RouteContext): Promise<Response> {
  await context.limit('chat');
  const body = await context.body();
  const shopper = requireShopper(body.shopper);
  const id = requireString(body.id, { path: 'id', max: 128 });
  const text = requireString(body.text, { path: 'text', max: MAX_MESSAGE_LENGTH });
  const conversation = optionalString(body.conversation, { path: 'conversation', max: 128 }) ?? null;
  const details = await readDetails(context, body);

  const result = await context.options.store.addShopperMessage({
    shopper,
    conversation,
    newConversationId: crypto.randomUUID(),
    message: { id, text, at: context.now },
    details,
  });
  if (result.status === 'conflict') {
    throw new HttpError(409, 'idempotency_conflict', 'This message id was already used for another message.');
  }
  if (result.status === 'unknown_conversation') {
    throw new HttpError(404, 'unknown_conversation', 'No such conversation for this shopper.');
  }
  if (result.status === 'saved') context.chatFeed.notify(result.conversation.id);
  return json(
    200,
    { conversation: result.conversation.id, message: { id: result.message.id, at: new Date(result.message.at).toISOString() } },
    result.status === 'replayed' ? { 'idempotent-replayed': 'true' } : {},
  );
}

/** A shopper's conversation and cursor, read from the query of `GET /chat/messages` or `GET /chat/stream`. */
export interface ConversationQuery {
  conversation: string;
  after: number;
}

/** The customer a reading request speaks for: with an identity secret only a verified one, else the claimed one. */
async function readingCustomer(context: RouteContext, query: URLSearchParams): Promise<string | undefined> {
  const customer = query.get('customer') ?? undefined;
  const secret = context.options.identitySecret;
  if (customer === undefined || secret === null) return customer;
  const identityHash = query.get('identityHash');
  return identityHash !== null && (await identityHashMatches(secret, customer, identityHash)) ? customer : undefined;
}

/**
 * Reads `shopper`, `conversation` and `after` from the query and checks that the conversation is the
 * shopper's, and, when it belongs to a customer, that the request speaks for that customer.
 */
export async function readConversationQuery(context: RouteContext): Promise<ConversationQuery> {
  const query = context.url.searchParams;
  const shopper = requireShopper(query.get('shopper') ?? undefined);
  const conversationId = requireString(query.get('conversation') ?? undefined, { path: 'conversation', max: 128 });
  const after = readCursor(query.get('after'));
  const conversation = await context.options.store.getConversation(conversationId);
  // Another shopper's (or, after a logout, another customer's) conversation answers like a missing one, so ids cannot be probed.
  if (!conversation || conversation.shopper !== shopper || !mayContinue(conversation, await readingCustomer(context, query))) {
    throw new HttpError(404, 'unknown_conversation', 'No such conversation for this shopper.');
  }
  return { conversation: conversationId, after };
}

/** The body of `GET /chat/messages` (and of each `GET /chat/stream` event). */
export interface MessagesAnswer {
  messages: ReturnType<typeof publicMessage>[];
  cursor: string;
  online: boolean;
}

/** The messages of `conversation` after `after`, the next cursor, and whether an agent is online at `now`. */
export async function messagesAfter(context: RouteContext, { conversation, after }: ConversationQuery, now: number): Promise<MessagesAnswer> {
  const messages = await context.options.store.listMessages(conversation, after, PAGE_SIZE);
  return {
    messages: messages.map(publicMessage),
    cursor: nextCursor(messages, after),
    online: await agentOnline(context, now),
  };
}

/** Answers the messages of a shopper's conversation after a cursor. */
export async function getChatMessages(context: RouteContext): Promise<Response> {
  return json(200, await messagesAfter(context, await readConversationQuery(context), context.now));
}
