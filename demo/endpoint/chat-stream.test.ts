// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_MS, RECHECK_MS, STREAM_LIFETIME_MS } from './chat-stream';
import { createEndpointHandler, type EndpointHandler } from './handler';
import type { LogEntry } from './json-log';
import { PGLITE_MEMORY } from './pglite-client';
import { readServiceConfig } from './service-config';
import { startEndpointService } from './service';
import { createMemoryStore } from './store';
import { call, readError, readJson, TEST_BASE } from './testing';

const AGENT = { authorization: 'Bearer agent-token-123' };

interface MessagesAnswer {
  messages: Array<{ id: string; from: string; text: string; at: string }>;
  cursor: string;
  online: boolean;
}

/** One block of an event stream: a comment, or an event with its fields. */
type Block = { comment: string } | { event: string; id: string; data: MessagesAnswer };

/** Reads an event stream block by block, as an `EventSource` would split it. */
function readStream(response: Response): { next(): Promise<Block | null>; nextEvent(): Promise<Block | null>; cancel(): Promise<void> } {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  async function next(): Promise<Block | null> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith(':')) return { comment: block.slice(1).trim() };
        const fields = Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
        return { event: fields.event!, id: fields.id!, data: JSON.parse(fields.data!) as MessagesAnswer };
      }
      const { done, value } = await reader.read();
      if (done) return null;
      buffer += value;
    }
  }
  return {
    next,
    async nextEvent() {
      for (;;) {
        const block = await next();
        if (block === null || 'event' in block) return block;
      }
    },
    cancel: () => reader.cancel(),
  };
}

function reference(options: Parameters<typeof createEndpointHandler>[0] = {}) {
  return createEndpointHandler({ agentToken: 'agent-token-123', rateLimits: { chat: false }, ...options });
}

async function startConversation(handler: EndpointHandler, shopper = 'shopper-1'): Promise<{ conversation: string; cursor: string }> {
  const posted = await call(handler, 'POST', '/chat/messages?v=1', { shopper, id: crypto.randomUUID(), text: 'Does the overshirt run large?' });
  const { conversation } = await readJson<{ conversation: string }>(posted);
  const { cursor } = await readJson<MessagesAnswer>(await call(handler, 'GET', `/chat/messages?v=1&shopper=${shopper}&conversation=${conversation}`));
  return { conversation, cursor };
}

const reply = (handler: EndpointHandler, conversation: string, text: string): Promise<Response> =>
  call(handler, 'POST', `/agent/conversations/${conversation}/messages`, { text }, { headers: AGENT });

const streamPath = (conversation: string, after = '', shopper = 'shopper-1'): string =>
  `/chat/stream?v=1&shopper=${shopper}&conversation=${conversation}&after=${after}`;

function openStream(handler: EndpointHandler, path: string, signal?: AbortSignal, headers: Record<string, string> = {}): Promise<Response> {
  return handler(new Request(`${TEST_BASE}${path}`, { headers, ...(signal ? { signal } : {}) }), { clientAddress: '192.0.2.1' });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('GET /chat/stream', () => {
  it('answers an event stream that sends a stored agent reply at once, shaped as a GET /chat/messages answer with the cursor as id', async () => {
    const handler = reference();
    const { conversation, cursor } = await startConversation(handler);
    const response = await openStream(handler, streamPath(conversation, cursor), undefined, { origin: 'https://shop.example' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const stream = readStream(response);
    // The first bytes are a comment, so the client sees the stream open before any message.
    expect(await stream.next()).toEqual({ comment: 'ping' });

    await reply(handler, conversation, 'It runs true to size.');
    const event = await stream.nextEvent();
    const polled = await readJson<MessagesAnswer>(await call(handler, 'GET', `/chat/messages?v=1&shopper=shopper-1&conversation=${conversation}&after=${cursor}`));
    expect(event).toEqual({ event: 'messages', id: polled.cursor, data: polled });
    expect(polled.messages.map(({ from, text }) => ({ from, text }))).toEqual([{ from: 'agent', text: 'It runs true to size.' }]);
    await stream.cancel();
  });

  it('sends nothing older than `after`, and what is newer at once', async () => {
    const handler = reference();
    const { conversation, cursor } = await startConversation(handler);
    await reply(handler, conversation, 'One');
    const { cursor: afterOne } = await readJson<MessagesAnswer>(await call(handler, 'GET', `/chat/messages?v=1&shopper=shopper-1&conversation=${conversation}&after=${cursor}`));
    await reply(handler, conversation, 'Two');

    const stream = readStream(await openStream(handler, streamPath(conversation, afterOne)));
    expect((await stream.nextEvent() as { data: MessagesAnswer }).data.messages.map((message) => message.text)).toEqual(['Two']);
    await reply(handler, conversation, 'Three');
    expect((await stream.nextEvent() as { data: MessagesAnswer }).data.messages.map((message) => message.text)).toEqual(['Three']);
    await stream.cancel();
  });

  it('takes a reconnecting browser\'s Last-Event-ID over the cursor in its URL', async () => {
    const handler = reference();
    const { conversation, cursor } = await startConversation(handler);
    await reply(handler, conversation, 'Seen before the drop');
    const { cursor: latest } = await readJson<MessagesAnswer>(await call(handler, 'GET', `/chat/messages?v=1&shopper=shopper-1&conversation=${conversation}&after=${cursor}`));
    const stream = readStream(await openStream(handler, streamPath(conversation, cursor), undefined, { 'last-event-id': latest }));
    await reply(handler, conversation, 'New');
    expect((await stream.nextEvent() as { data: MessagesAnswer }).data.messages.map((message) => message.text)).toEqual(['New']);
    await stream.cancel();
  });

  it("refuses another shopper's conversation, a bad cursor and a missing shopper exactly as GET /chat/messages does", async () => {
    const handler = reference();
    const { conversation } = await startConversation(handler);
    for (const [query, status, code] of [
      [`shopper=shopper-2&conversation=${conversation}`, 404, 'unknown_conversation'],
      ['shopper=shopper-1&conversation=no-such-conversation', 404, 'unknown_conversation'],
      [`shopper=shopper-1&conversation=${conversation}&after=abc`, 400, 'invalid_cursor'],
      [`conversation=${conversation}`, 400, 'invalid_request'],
    ] as const) {
      const streamed = await call(handler, 'GET', `/chat/stream?v=1&${query}`);
      const polled = await call(handler, 'GET', `/chat/messages?v=1&${query}`);
      expect([streamed.status, (await readError(streamed)).code]).toEqual([status, code]);
      expect([polled.status, (await readError(polled)).code]).toEqual([status, code]);
    }
  });

  it('counts against the read limit and refuses a disallowed origin, like the other GET routes', async () => {
    const handler = reference({ allowedOrigins: ['https://shop.example'], rateLimits: { reads: { max: 2 } } });
    // Its poll is the first read of this address.
    const { conversation } = await startConversation(handler);
    const foreign = await openStream(handler, streamPath(conversation), undefined, { origin: 'https://other.example' });
    expect([foreign.status, (await readError(foreign)).code]).toEqual([403, 'origin_not_allowed']);
    const allowed = await openStream(handler, streamPath(conversation));
    expect(allowed.status).toBe(200);
    await allowed.body!.cancel();
    const limited = await openStream(handler, streamPath(conversation));
    expect([limited.status, (await readError(limited)).code]).toEqual([429, 'rate_limited']);
  });

  it('ends when the client disconnects, and stops listening', async () => {
    const handler = reference();
    const { conversation, cursor } = await startConversation(handler);
    const client = new AbortController();
    const stream = readStream(await openStream(handler, streamPath(conversation, cursor), client.signal));
    expect(await stream.next()).toEqual({ comment: 'ping' });
    client.abort();
    expect(await stream.next()).toBeNull();
    // A reply stored afterwards goes to nobody and breaks nothing.
    expect((await reply(handler, conversation, 'Anyone there?')).status).toBe(200);
  });

  it('sends a heartbeat, catches messages another process stored, and ends itself after its lifetime', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const store = createMemoryStore();
    const here = reference({ store });
    // Another endpoint process on the same database: its writes are no news to this one's streams.
    const elsewhere = reference({ store });
    const { conversation, cursor } = await startConversation(here);
    const stream = readStream(await openStream(here, streamPath(conversation, cursor)));
    expect(await stream.next()).toEqual({ comment: 'ping' });

    await reply(elsewhere, conversation, 'From the other process');
    await vi.advanceTimersByTimeAsync(RECHECK_MS);
    expect((await stream.next() as { data: MessagesAnswer }).data.messages.map((message) => message.text)).toEqual(['From the other process']);

    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS - RECHECK_MS);
    expect(await stream.next()).toEqual({ comment: 'ping' });
    await vi.advanceTimersByTimeAsync(STREAM_LIFETIME_MS - HEARTBEAT_MS);
    for (let block = await stream.next(); block !== null; block = await stream.next()) expect(block).toEqual({ comment: 'ping' });
  });

  it('ends every open stream, and answers a new one with an empty stream, once closeStreams is called', async () => {
    const handler = reference();
    const { conversation, cursor } = await startConversation(handler);
    const stream = readStream(await openStream(handler, streamPath(conversation, cursor)));
    expect(await stream.next()).toEqual({ comment: 'ping' });
    handler.closeStreams();
    expect(await stream.next()).toBeNull();
    const late = readStream(await openStream(handler, streamPath(conversation, cursor)));
    expect(await late.next()).toEqual({ comment: 'ping' });
    expect(await late.next()).toBeNull();
  });
});

describe('GET /chat/status', () => {
  it('announces the stream', async () => {
    expect(await readJson(await call(reference(), 'GET', '/chat/status?v=1'))).toMatchObject({ stream: true });
  });
});

describe('the endpoint service with an open stream', () => {
  it('ends the stream on shutdown instead of waiting for it', { timeout: 30_000 }, async () => {
    const logs: LogEntry[] = [];
    const config = { ...readServiceConfig(['--port', '0', '--data-dir', PGLITE_MEMORY], {}), shutdownMs: 10_000 };
    const service = await startEndpointService(config, { log: (entry) => logs.push(entry) });
    const posted = await fetch(`${service.endpointUrl}/chat/messages?v=1`, {
      method: 'POST',
      body: JSON.stringify({ shopper: 'shopper-1', id: crypto.randomUUID(), text: 'Hello' }),
    });
    const { conversation } = (await posted.json()) as { conversation: string };
    const response = await fetch(`${service.endpointUrl}${streamPath(conversation)}`);
    const stream = readStream(response);
    expect(await stream.nextEvent()).toMatchObject({ event: 'messages' });

    const started = Date.now();
    await service.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await stream.next()).toBeNull();
    expect(logs.some((entry) => entry.msg === 'shutdown cut requests short')).toBe(false);
  });
});
