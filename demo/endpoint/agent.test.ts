// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { computeIdentityHash } from './auth';
import { createEndpointHandler, type EndpointHandler } from './handler';
import { call, createTestClock, readError, readJson } from './testing';

const TOKEN = 'agent-token-123';
const AGENT = { authorization: `Bearer ${TOKEN}` };

interface ConversationSummary {
  id: string;
  shopper: string;
  customer: string | null;
  verified: boolean;
  knownCustomer: boolean;
  waiting: boolean;
  context: Record<string, unknown> | null;
  lastMessage: { from: string; text: string; at: string };
}

async function startConversation(handler: EndpointHandler, shopper: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await call(handler, 'POST', '/chat/messages', { shopper, id: crypto.randomUUID(), text: `hello from ${shopper}`, ...extra });
  return (await readJson<{ conversation: string }>(response)).conversation;
}

describe('agent routes', () => {
  it('need the bearer token, and do not exist without one configured', async () => {
    const handler = createEndpointHandler({ agentToken: TOKEN });
    for (const headers of [{}, { authorization: 'Bearer wrong-token-000' }, { authorization: TOKEN }] as Array<Record<string, string>>) {
      const response = await call(handler, 'GET', '/agent/conversations', undefined, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await readError(response)).code).toBe('unauthorized');
    }
    expect((await call(createEndpointHandler(), 'GET', '/agent/conversations', undefined, { headers: AGENT })).status).toBe(404);
  });

  it('list waiting conversations first, known customers first among them, longest wait first', async () => {
    const clock = createTestClock();
    const secret = 'merchant-secret';
    const handler = createEndpointHandler({ agentToken: TOKEN, identitySecret: secret, now: clock.now });
    const answered = await startConversation(handler, 'answered');
    clock.advance(1_000);
    const early = await startConversation(handler, 'early-guest');
    clock.advance(1_000);
    const late = await startConversation(handler, 'late-guest');
    clock.advance(1_000);
    const customer = await startConversation(handler, 'customer', { customer: 'c-1', identityHash: await computeIdentityHash(secret, 'c-1') });
    clock.advance(1_000);
    await call(handler, 'POST', `/agent/conversations/${answered}/messages`, { text: 'Sorted!' }, { headers: AGENT });

    const { conversations } = await readJson<{ conversations: ConversationSummary[] }>(
      await call(handler, 'GET', '/agent/conversations?v=1', undefined, { headers: AGENT }),
    );
    expect(conversations.map((conversation) => conversation.id)).toEqual([customer, early, late, answered]);
    expect(conversations.map((conversation) => conversation.waiting)).toEqual([true, true, true, false]);
    expect(conversations[0]).toMatchObject({ shopper: 'customer', customer: 'c-1', verified: true, knownCustomer: true });
    expect(conversations[3]!.lastMessage).toEqual({ from: 'agent', text: 'Sorted!', at: new Date(clock.now()).toISOString() });
  });

  it('show one conversation with its context and messages', async () => {
    const handler = createEndpointHandler({ agentToken: TOKEN });
    const context = { page: { url: 'https://shop.example/p/2', title: 'Merino Crew' }, viewed: ['rg-1002'], visits: 4 };
    const id = await startConversation(handler, 'shopper-1', { context, email: 'ada@example.com' });
    const answer = await readJson<{ conversation: ConversationSummary; messages: Array<{ from: string; text: string }>; cursor: string }>(
      await call(handler, 'GET', `/agent/conversations/${id}`, undefined, { headers: AGENT }),
    );
    expect(answer.conversation).toMatchObject({ id, context, email: 'ada@example.com' });
    expect(answer.messages.map(({ from, text }) => ({ from, text }))).toEqual([{ from: 'shopper', text: 'hello from shopper-1' }]);
    const later = await readJson<{ messages: unknown[] }>(
      await call(handler, 'GET', `/agent/conversations/${id}?after=${answer.cursor}`, undefined, { headers: AGENT }),
    );
    expect(later.messages).toEqual([]);
    const missing = await call(handler, 'GET', '/agent/conversations/nope', undefined, { headers: AGENT });
    expect(missing.status).toBe(404);
  });

  it('store a reply once per id and refuse replies to unknown conversations', async () => {
    const handler = createEndpointHandler({ agentToken: TOKEN });
    const id = await startConversation(handler, 'shopper-1');
    const reply = { id: 'reply-1', text: 'Happy to help' };
    const first = await call(handler, 'POST', `/agent/conversations/${id}/messages`, reply, { headers: AGENT });
    const again = await call(handler, 'POST', `/agent/conversations/${id}/messages`, reply, { headers: AGENT });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await readJson(again)).toEqual(await readJson(first));
    const { messages } = await readJson<{ messages: unknown[] }>(await call(handler, 'GET', `/agent/conversations/${id}`, undefined, { headers: AGENT }));
    expect(messages).toHaveLength(2);
    const unknown = await call(handler, 'POST', '/agent/conversations/nope/messages', { text: 'hi' }, { headers: AGENT });
    expect(unknown.status).toBe(404);
    expect((await readError(unknown)).code).toBe('unknown_conversation');
    const empty = await call(handler, 'POST', `/agent/conversations/${id}/messages`, { text: '' }, { headers: AGENT });
    expect(empty.status).toBe(400);
  });

  it('answer how long a heartbeat keeps the agent online', async () => {
    const clock = createTestClock();
    const handler = createEndpointHandler({ agentToken: TOKEN, now: clock.now, chat: { agentPresenceMs: 20_000 } });
    const answer = await readJson(await call(handler, 'POST', '/agent/heartbeat', { agent: 'Sam' }, { headers: AGENT }));
    expect(answer).toEqual({ online: true, until: new Date(clock.now() + 20_000).toISOString() });
  });
});
