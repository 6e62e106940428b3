import { fireEvent, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext, type TestEndpoint } from '../../../../test/widget-context';
import type { WidgetHandle } from '../../../types';
import { agent, elapse, reference, settle, until, useChatTestClock } from '../../../../test/chat-test-kit';
import mountChat from '../index';
import { ANNOUNCE_JOIN_MS, CLOSED_POLL_MS, STREAM_RETRY_MS } from './model';


/**
 * The browser's EventSource, reduced to what the panel uses, over `fetch`: the test context routes
 * that to the real endpoint handler, so every event comes from the reference stream. It never
 * reconnects by itself (the panel closes it on error and reopens it with its own cursor).
 */
class FetchEventSource extends EventTarget {
  static made: FetchEventSource[] = [];
  readyState = 0;
  onerror: ((event: Event) => void) | null = null;
  private readonly controller = new AbortController();

  constructor(readonly url: string) {
    super();
    FetchEventSource.made.push(this);
    void this.read();
  }

  close(): void {
    this.readyState = 2;
    this.controller.abort();
  }

  private async read(): Promise<void> {
    try {
      const response = await fetch(this.url, { signal: this.controller.signal, headers: { accept: 'text/event-stream' } });
      if (!response.ok || !response.headers.get('content-type')?.startsWith('text/event-stream')) throw new Error(`not a stream: ${response.status}`);
      this.readyState = 1;
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done || this.readyState === 2) break;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const fields = new Map(buffer.slice(0, end).split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart()]));
          buffer = buffer.slice(end + 2);
          if (fields.has('data')) this.dispatchEvent(new MessageEvent(fields.get('event') || 'message', { data: fields.get('data'), lastEventId: fields.get('id') }));
        }
      }
    } catch {
      // Aborted by close(), or the answer was not a stream.
    }
    if (this.readyState === 2) return;
    this.readyState = 0;
    this.onerror?.(new Event('error'));
  }
}

interface Chat {
  test: TestContext;
  handle: WidgetHandle;
  view: ReturnType<typeof within>;
}

const mounted = useChatTestClock();

beforeEach(() => {
  FetchEventSource.made = [];
  vi.stubGlobal('EventSource', FetchEventSource);
});

async function conversationId(endpoint: TestEndpoint): Promise<string> {
  return (await agent<{ conversations: { id: string }[] }>(endpoint, '/agent/conversations')).conversations[0]!.id;
}

/** Mounts the chat, opens the panel, and sends a first message, which starts the conversation. */
async function chatting(endpoint: TestEndpoint): Promise<Chat> {
  await agent(endpoint, '/agent/heartbeat', {});
  const test = await createTestContext('chat', { endpoint, config: { widgets: ['chat'] } });
  const handle = await mountChat(test.context);
  const chat = { test, handle, view: within(test.context.root as unknown as HTMLElement) };
  mounted.push(chat);
  await settle();
  fireEvent.click(chat.view.getByRole('button', { name: /^Chat with us/ }));
  await until(() => chat.view.getByText('We are online.'));
  fireEvent.input(chat.view.getByRole('textbox', { name: 'Your message' }), { target: { value: 'Does it run large?' } });
  fireEvent.click(chat.view.getByRole('button', { name: 'Send' }));
  await until(() => expect(chat.view.getByText('Does it run large?').closest('li')!.textContent).toContain('Sent'));
  return chat;
}

const polls = (chat: Chat) => chat.test.requests.filter((request) => request.method === 'GET' && new URL(request.url).pathname.endsWith('/chat/messages')).length;
const streams = (chat: Chat) => chat.test.requests.filter((request) => new URL(request.url).pathname.endsWith('/chat/stream'));

describe('chat panel: replies through the stream', () => {
  it('opens the stream once the conversation exists and shows an agent reply from it, without a poll', async () => {
    const endpoint = reference();
    const chat = await chatting(endpoint);
    await until(() => expect(FetchEventSource.made.at(-1)?.readyState).toBe(1));
    const url = new URL(FetchEventSource.made[0]!.url);
    const conversation = await conversationId(endpoint);
    // A new conversation has no cursor yet: the stream starts from its beginning, and the shopper's own message is not shown twice.
    expect(Object.fromEntries(url.searchParams)).toEqual({ v: '1', shopper: 'shopper-test-1', conversation });
    const pollsBefore = polls(chat);

    await agent(endpoint, `/agent/conversations/${conversation}/messages`, { text: 'It runs <b>true</b> to size.' });
    const reply = await until(() => chat.view.getByText('It runs <b>true</b> to size.'));
    expect(reply.closest('li')!.querySelector('b')).toBeNull();
    expect(chat.test.context.root.textContent).toContain('New message from the shop: It runs <b>true</b> to size.');
    expect(chat.test.emitted.filter((event) => event.name === 'chat:message')).toHaveLength(1);
    expect(polls(chat)).toBe(pollsBefore);
    // The same reply from a later poll is not shown twice.
    await elapse(CLOSED_POLL_MS, 500);
    expect(polls(chat)).toBeGreaterThan(pollsBefore);
    expect(chat.view.getAllByText('It runs <b>true</b> to size.')).toHaveLength(1);
    expect(chat.view.getAllByText('Does it run large?')).toHaveLength(1);
  });

  it('reads replies that arrive one right after the other together, so the first is not cut off', async () => {
    const endpoint = reference();
    const chat = await chatting(endpoint);
    await until(() => expect(FetchEventSource.made.at(-1)?.readyState).toBe(1));
    const conversation = await conversationId(endpoint);
    const announced = () => chat.test.context.root.querySelector('.panel > [aria-live] > span')!.textContent;
    // Each reply comes as its own stream event.
    await agent(endpoint, `/agent/conversations/${conversation}/messages`, { text: 'First reply' });
    await until(() => chat.view.getByText('First reply'));
    await agent(endpoint, `/agent/conversations/${conversation}/messages`, { text: 'Second reply' });
    await until(() => chat.view.getByText('Second reply'));
    expect(announced()).toBe('New message from the shop: First reply New message from the shop: Second reply');
    // A reply well after the last is read on its own.
    await elapse(ANNOUNCE_JOIN_MS + 500, 500);
    await agent(endpoint, `/agent/conversations/${conversation}/messages`, { text: 'Third reply' });
    await until(() => chat.view.getByText('Third reply'));
    expect(announced()).toBe('New message from the shop: Third reply');
  });

  it('falls back to fast polling when the stream fails, and tries it again only later', async () => {
    const real = reference();
    const endpoint: TestEndpoint = (request) =>
      new URL(request.url).pathname.endsWith('/chat/stream')
        ? new Response(JSON.stringify({ error: { code: 'unavailable', message: 'down' } }), { status: 503, headers: { 'content-type': 'application/json', 'retry-after': '5' } })
        : real(request);
    const chat = await chatting(endpoint);
    await until(() => expect(streams(chat)).toHaveLength(1));
    const conversation = await conversationId(real);
    await agent(real, `/agent/conversations/${conversation}/messages`, { text: 'Polling found me.' });
    await until(() => chat.view.getByText('Polling found me.'), 250, 40);
    // No retry loop: the next try comes after STREAM_RETRY_MS, with the latest cursor.
    expect(streams(chat)).toHaveLength(1);
    await elapse(STREAM_RETRY_MS, 500);
    await until(() => expect(streams(chat)).toHaveLength(2));
    const [first, second] = streams(chat).map((request) => Number(new URL(request.url).searchParams.get('after')));
    expect(second).toBeGreaterThan(first!);
  });

  it('reopens with the latest cursor when the endpoint ends the stream after its lifetime', async () => {
    const endpoint = reference();
    const chat = await chatting(endpoint);
    await until(() => expect(FetchEventSource.made.at(-1)?.readyState).toBe(1));
    const conversation = await conversationId(endpoint);
    await agent(endpoint, `/agent/conversations/${conversation}/messages`, { text: 'First reply' });
    await until(() => chat.view.getByText('First reply'));
    await elapse(56_000, 1000);
    await until(() => expect(streams(chat)).toHaveLength(2));
    const cursor = (await chat.test.storage.get<{ cursor: string }>('chat:conversation'))!.cursor;
    expect(new URL(streams(chat)[1]!.url).searchParams.get('after')).toBe(cursor);
    expect(FetchEventSource.made[0]!.readyState).toBe(2);
  });

  it('closes the stream when the panel closes and when the widget stops, and keeps polling for the badge', async () => {
    const endpoint = reference();
    const chat = await chatting(endpoint);
    await until(() => expect(FetchEventSource.made.at(-1)?.readyState).toBe(1));
    const [source] = FetchEventSource.made;
    fireEvent.click(chat.view.getByRole('button', { name: 'Close chat' }));
    await settle();
    expect(source!.readyState).toBe(2);

    const conversation = await conversationId(endpoint);
    await agent(endpoint, `/agent/conversations/${conversation}/messages`, { text: 'While you were away' });
    await elapse(CLOSED_POLL_MS, 1000);
    await until(() => chat.view.getByRole('button', { name: 'Chat with us, 1 unread message' }));
    expect(FetchEventSource.made).toHaveLength(1);

    fireEvent.click(chat.view.getByRole('button', { name: /^Chat with us/ }));
    await until(() => expect(FetchEventSource.made.at(-1)?.readyState).toBe(1));
    expect(FetchEventSource.made).toHaveLength(2);
    chat.handle.unmount();
    await settle();
    expect(FetchEventSource.made[1]!.readyState).toBe(2);
  });

  it('never opens a stream on an endpoint whose status does not offer one', async () => {
    const real = reference();
    const endpoint: TestEndpoint = async (request) => {
      const response = await real(request);
      if (!new URL(request.url).pathname.endsWith('/chat/status')) return response;
      const { stream: _offered, ...status } = (await response.json()) as Record<string, unknown>;
      return new Response(JSON.stringify(status), { headers: { 'content-type': 'application/json' } });
    };
    const chat = await chatting(endpoint);
    await elapse(10_000, 500);
    expect(FetchEventSource.made).toHaveLength(0);
    expect(streams(chat)).toHaveLength(0);
    expect(polls(chat)).toBeGreaterThan(2);
  });
});
