/**
 * The agent inbox's routes (`/agent/*`), behind a bearer token: the queue of conversations,
 * one conversation, replies (idempotent by id), and the heartbeat that makes the chat "online".
 */
import { bearerMatches } from './auth';
import { nextCursor, publicMessage, readCursor, MAX_MESSAGE_LENGTH } from './chat';
import type { RouteContext } from './context';
import { HttpError, json } from './http';
import type { ConversationRecord } from './store';
import { optionalString, requireString } from './validate';

/** Refuses the request unless it carries the agent token; without a configured token the inbox does not exist. */
export function requireAgent(context: RouteContext): void {
  const token = context.options.agentToken;
  if (token === null) throw new HttpError(404, 'not_found', 'No such route.');
  if (!bearerMatches(context.request, token)) {
    throw new HttpError(401, 'unauthorized', 'Send the agent token as "Authorization: Bearer <token>".', {
      headers: { 'www-authenticate': 'Bearer realm="regulars-agent"' },
    });
  }
}

/** True when the shopper wrote last: the conversation waits for an answer. */
function waiting(conversation: ConversationRecord): boolean {
  return conversation.lastMessage.from === 'shopper';
}

/**
 * Queue order: waiting conversations first, known customers first among them, longest wait first;
 * then the answered ones, most recent first.
 */
export function queueOrder(a: ConversationRecord, b: ConversationRecord): number {
  if (waiting(a) !== waiting(b)) return waiting(a) ? -1 : 1;
  if (!waiting(a)) return b.updatedAt - a.updatedAt;
  if (a.knownCustomer !== b.knownCustomer) return a.knownCustomer ? -1 : 1;
  return a.updatedAt - b.updatedAt;
}

function summary(conversation: ConversationRecord): Record<string, unknown> {
  return {
    id: conversation.id,
    shopper: conversation.shopper,
    customer: conversation.customer ?? null,
    verified: conversation.verified,
    email: conversation.email ?? null,
    knownCustomer: conversation.knownCustomer,
    context: conversation.context,
    waiting: waiting(conversation),
    createdAt: new Date(conversation.createdAt).toISOString(),
    updatedAt: new Date(conversation.updatedAt).toISOString(),
    lastMessage: { ...conversation.lastMessage, at: new Date(conversation.lastMessage.at).toISOString() },
  };
}

async function findConversation(context: RouteContext): Promise<ConversationRecord> {
  const conversation = await context.options.store.getConversation(context.params.id ?? '');
  if (!conversation) throw new HttpError(404, 'unknown_conversation', 'No such conversation.');
  return conversation;
}

/** Lists every conversation in queue order. */
export async function getAgentConversations(context: RouteContext): Promise<Response> {
  requireAgent(context);
  const conversations = await context.options.store.listConversations();
  return json(200, { conversations: conversations.sort(queueOrder).map(summary) });
}

/** Answers one conversation and its messages after an optional cursor. */
export async function getAgentConversation(context: RouteContext): Promise<Response> {
  requireAgent(context);
  const conversation = await findConversation(context);
  const after = readCursor(context.url.searchParams.get('after'));
  const messages = await context.options.store.listMessages(conversation.id, after, Number.MAX_SAFE_INTEGER);
  return json(200, { conversation: summary(conversation), messages: messages.map(publicMessage), cursor: nextCursor(messages, after) });
}

/** Stores an agent's reply; an `id` makes a retried reply land once. */
export async function postAgentMessage(context: RouteContext): Promise<Response> {
  requireAgent(context);
  const body = await context.body();
  const text = requireString(body.text, { path: 'text', max: MAX_MESSAGE_LENGTH });
  const id = optionalString(body.id, { path: 'id', max: 128 }) ?? crypto.randomUUID();
  const result = await context.options.store.addAgentMessage({
    conversation: context.params.id ?? '',
    message: { id, text, at: context.now },
  });
  if (result.status === 'unknown_conversation') throw new HttpError(404, 'unknown_conversation', 'No such conversation.');
  if (result.status === 'conflict') throw new HttpError(409, 'idempotency_conflict', 'This message id was already used for another message.');
  if (result.status === 'saved') context.chatFeed.notify(result.conversation.id);
  return json(
    200,
    { conversation: result.conversation.id, message: publicMessage(result.message) },
    result.status === 'replayed' ? { 'idempotent-replayed': 'true' } : {},
  );
}

/** Marks the agent present; the inbox calls it every few seconds while open. */
export async function postAgentHeartbeat(context: RouteContext): Promise<Response> {
  requireAgent(context);
  const body = await context.body();
  const agent = optionalString(body.agent, { path: 'agent', max: 80 }) ?? 'agent';
  await context.options.store.recordHeartbeat(agent, context.now);
  const presenceMs = context.options.chat.agentPresenceMs;
  return json(200, { online: true, until: new Date(context.now + presenceMs).toISOString() });
}
