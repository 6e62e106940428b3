// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { computeIdentityHash } from './auth';
import { createEndpointHandler, type EndpointHandler } from './handler';
import { createMemoryStore } from './store';
import { call, createTestClock, readError, readJson } from './testing';

const AGENT = { authorization: 'Bearer agent-token-123' };

interface PostAnswer {
  conversation: string;
  message: { id: string; at: string };
}

interface MessagesAnswer {
  messages: Array<{ id: string; from: string; text: string; at: string }>;
  cursor: string;
  online: boolean;
}

const message = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  shopper: 'shopper-1',
  id: crypto.randomUUID(),
  text: 'Does the overshirt run large?',
  context: { page: { url: 'https://shop.example/p/1', title: 'Linen Overshirt' }, visits: 3 },
  ...overrides,
});

const post = (handler: EndpointHandler, body: Record<string, unknown>): Promise<Response> => call(handler, 'POST', '/chat/messages?v=1', body);

const poll = (handler: EndpointHandler, shopper: string, conversation: string, after = ''): Promise<Response> =>
  call(handler, 'GET', `/chat/messages?v=1&shopper=${shopper}&conversation=${conversation}&after=${after}`);

describe('GET /chat/status', () => {
  it('is online while an agent heartbeats, offline once the heartbeats stop', async () => {
    const clock = createTestClock();
    const handler = createEndpointHandler({ now: clock.now, agentToken: 'agent-token-123', chat: { agentPresenceMs: 30_000 } });
    expect((await readJson(await call(handler, 'GET', '/chat/status'))).online).toBe(false);
    expect((await call(handler, 'POST', '/agent/heartbeat', { agent: 'Sam' }, { headers: AGENT })).status).toBe(200);
    clock.advance(30_000);
    expect((await readJson(await call(handler, 'GET', '/chat/status'))).online).toBe(true);
    clock.advance(1);
    expect((await readJson(await call(handler, 'GET', '/chat/status'))).online).toBe(false);
  });

  it('answers the reply time, the configured channels, and that it offers GET /chat/stream', async () => {
    const channels = [{ kind: 'whatsapp' as const, url: 'https://wa.me/15550100123', label: 'WhatsApp' }];
    const handler = createEndpointHandler({ chat: { channels, replyTimeMinutes: 5 } });
    expect(await readJson(await call(handler, 'GET', '/chat/status?v=1'))).toEqual({ online: false, replyTime: 5, channels, stream: true });
    expect(await readJson(await call(createEndpointHandler(), 'GET', '/chat/status'))).toEqual({ online: false, channels: [], stream: true });
  });
});

describe('POST /chat/messages', () => {
  it('starts a conversation and answers its id and the message id and time', async () => {
    const clock = createTestClock();
    const handler = createEndpointHandler({ now: clock.now });
    const body = message();
    const answer = await readJson<PostAnswer>(await post(handler, body));
    expect(answer.conversation).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.message).toEqual({ id: body.id, at: new Date(clock.now()).toISOString() });
  });

  it('stores a message sent twice once, answering the same message with Idempotent-Replayed', async () => {
    const clock = createTestClock();
    const handler = createEndpointHandler({ now: clock.now });
    const body = message();
    const first = await post(handler, body);
    clock.advance(5_000);
    const second = await post(handler, body);
    expect(second.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const answer = await readJson<PostAnswer>(first);
    expect(await readJson<PostAnswer>(second)).toEqual(answer);
    const { messages } = await readJson<MessagesAnswer>(await poll(handler, 'shopper-1', answer.conversation));
    expect(messages.map((stored) => stored.id)).toEqual([body.id]);
  });

  it('stores a message once when its retries race', async () => {
    const handler = createEndpointHandler();
    const body = message();
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(handler, body)));
    const bodies = await Promise.all(answers.map((answer) => readJson<PostAnswer>(answer)));
    expect(new Set(bodies.map((answer) => answer.conversation)).size).toBe(1);
    const { messages } = await readJson<MessagesAnswer>(await poll(handler, 'shopper-1', bodies[0]!.conversation));
    expect(messages).toHaveLength(1);
  });

  it('refuses a message id reused by another shopper or for other text with 409', async () => {
    const handler = createEndpointHandler();
    const body = message();
    await post(handler, body);
    const stolen = await post(handler, { ...body, shopper: 'shopper-2' });
    expect(stolen.status).toBe(409);
    expect((await readError(stolen)).code).toBe('idempotency_conflict');
    expect((await post(handler, { ...body, text: 'something else' })).status).toBe(409);
  });

  it("continues the shopper's conversation, with or without its id", async () => {
    const handler = createEndpointHandler();
    const { conversation } = await readJson<PostAnswer>(await post(handler, message({ text: 'one' })));
    expect((await readJson<PostAnswer>(await post(handler, message({ text: 'two', conversation })))).conversation).toBe(conversation);
    expect((await readJson<PostAnswer>(await post(handler, message({ text: 'three' })))).conversation).toBe(conversation);
    const other = await readJson<PostAnswer>(await post(handler, message({ shopper: 'shopper-2', text: 'hello' })));
    expect(other.conversation).not.toBe(conversation);
    const { messages } = await readJson<MessagesAnswer>(await poll(handler, 'shopper-1', conversation));
    expect(messages.map((stored) => stored.text)).toEqual(['one', 'two', 'three']);
  });

  it("refuses to write into another shopper's conversation", async () => {
    const handler = createEndpointHandler();
    const { conversation } = await readJson<PostAnswer>(await post(handler, message()));
    const intruder = await post(handler, message({ shopper: 'shopper-2', conversation }));
    expect(intruder.status).toBe(404);
    expect((await readError(intruder)).code).toBe('unknown_conversation');
  });

  it('validates the message', async () => {
    const handler = createEndpointHandler();
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [message({ text: '  ' }), 'invalid_request', /^text/],
      [message({ text: 'x'.repeat(2001) }), 'invalid_request', /^text/],
      [message({ id: undefined }), 'invalid_request', /^id/],
      [message({ shopper: '' }), 'invalid_request', /^shopper/],
      [message({ email: 'not-an-email' }), 'invalid_email', /^email/],
      [message({ context: 'page' }), 'invalid_request', /^context/],
      [message({ context: { blob: 'x'.repeat(9000) } }), 'invalid_request', /^context/],
    ];
    for (const [body, code, field] of cases) {
      const response = await post(handler, body);
      expect(response.status).toBe(400);
      const error = await readError(response);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(field);
    }
  });

  it('limits messages per client address', async () => {
    const handler = createEndpointHandler({ rateLimits: { chat: { max: 2, windowMs: 60_000 } } });
    const statuses = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await post(handler, message())).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('GET /chat/messages', () => {
  it("answers the conversation's messages after the cursor, and the agent's replies", async () => {
    const clock = createTestClock();
    const handler = createEndpointHandler({ now: clock.now, agentToken: 'agent-token-123' });
    const first = message({ text: 'Hello?' });
    const { conversation } = await readJson<PostAnswer>(await post(handler, first));
    const page1 = await readJson<MessagesAnswer>(await poll(handler, 'shopper-1', conversation));
    expect(page1.messages).toEqual([{ id: first.id, from: 'shopper', text: 'Hello?', at: new Date(clock.now()).toISOString() }]);
    expect(page1.online).toBe(false);

    const empty = await readJson<MessagesAnswer>(await poll(handler, 'shopper-1', conversation, page1.cursor));
    expect(empty.messages).toEqual([]);
    expect(empty.cursor).toBe(page1.cursor);

    clock.advance(1_000);
    await call(handler, 'POST', '/agent/heartbeat', {}, { headers: AGENT });
    await call(handler, 'POST', `/agent/conversations/${conversation}/messages`, { text: 'Hi! It runs true to size.' }, { headers: AGENT });
    const page2 = await readJson<MessagesAnswer>(await poll(handler, 'shopper-1', conversation, page1.cursor));
    expect(page2.messages.map(({ from, text }) => ({ from, text }))).toEqual([{ from: 'agent', text: 'Hi! It runs true to size.' }]);
    expect(page2.online).toBe(true);
    expect(page2.cursor).not.toBe(page1.cursor);
  });

  it("hides another shopper's conversation and refuses a bad cursor", async () => {
    const handler = createEndpointHandler();
    const { conversation } = await readJson<PostAnswer>(await post(handler, message()));
    expect((await poll(handler, 'shopper-2', conversation)).status).toBe(404);
    expect((await poll(handler, 'shopper-1', 'no-such-conversation')).status).toBe(404);
    const bad = await poll(handler, 'shopper-1', conversation, 'abc');
    expect(bad.status).toBe(400);
    expect((await readError(bad)).code).toBe('invalid_cursor');
    expect((await call(handler, 'GET', `/chat/messages?conversation=${conversation}`)).status).toBe(400);
  });
});

describe('customer identity', () => {
  const secret = 'merchant-secret';

  it('trusts a customer id that comes with the right identity hash', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store, identitySecret: secret });
    const identityHash = await computeIdentityHash(secret, 'cust-42');
    const { conversation } = await readJson<PostAnswer>(await post(handler, message({ customer: 'cust-42', identityHash })));
    expect(await store.getConversation(conversation)).toMatchObject({ customer: 'cust-42', verified: true, knownCustomer: true });
  });

  it('refuses a wrong identity hash with 403 and ignores a customer id without one', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store, identitySecret: secret });
    const forged = await post(handler, message({ customer: 'cust-42', identityHash: await computeIdentityHash('guess', 'cust-42') }));
    expect(forged.status).toBe(403);
    expect((await readError(forged)).code).toBe('identity_mismatch');
    const { conversation } = await readJson<PostAnswer>(await post(handler, message({ customer: 'cust-42', context: { knownCustomer: true } })));
    const stored = await store.getConversation(conversation);
    expect(stored?.customer).toBeUndefined();
    expect(stored).toMatchObject({ verified: false, knownCustomer: false });
  });

  it("shows a customer's conversation only to requests that speak for that customer", async () => {
    const handler = createEndpointHandler({ identitySecret: secret });
    const identityHash = await computeIdentityHash(secret, 'cust-42');
    const { conversation } = await readJson<PostAnswer>(await post(handler, message({ customer: 'cust-42', identityHash })));
    const read = (query: string) => call(handler, 'GET', `/chat/messages?v=1&shopper=shopper-1&conversation=${conversation}${query}`);
    expect((await read('')).status).toBe(404);
    expect((await read('&customer=cust-42')).status).toBe(404);
    expect((await read(`&customer=cust-42&identityHash=${await computeIdentityHash('guess', 'cust-42')}`)).status).toBe(404);
    expect((await read(`&customer=cust-42&identityHash=${identityHash}`)).status).toBe(200);
    // The browser's next user, anonymous, cannot write into it either, and starts a conversation of their own.
    expect((await readError(await post(handler, message({ conversation })))).code).toBe('unknown_conversation');
    expect((await readJson<PostAnswer>(await post(handler, message()))).conversation).not.toBe(conversation);
  });

  it('keeps a customer id as unverified when the shop has no identity secret', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store });
    const { conversation } = await readJson<PostAnswer>(await post(handler, message({ customer: 'cust-7', email: 'Sam@Example.com' })));
    expect(await store.getConversation(conversation)).toMatchObject({ customer: 'cust-7', verified: false, knownCustomer: true, email: 'sam@example.com' });
  });
});
