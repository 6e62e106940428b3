import { fireEvent, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { createStorage } from '../../core/storage';
import { createTestContext, type TestContext, type TestEndpoint } from '../../../test/widget-context';
import type { Product, RegularsConfig, WidgetHandle } from '../../types';
import mountChat from './index';
import { agent, elapse, reference, settle, until, useChatTestClock } from '../../../test/chat-test-kit';
import { STORAGE_KEYS } from './shell';


interface Chat {
  test: TestContext;
  handle: WidgetHandle;
  root: ShadowRoot;
  view: ReturnType<typeof within>;
}

const mounted = useChatTestClock();

async function mount(options: { endpoint?: TestEndpoint | null; config?: RegularsConfig; test?: TestContext } = {}): Promise<Chat> {
  const test =
    options.test ??
    (await createTestContext('chat', { endpoint: options.endpoint === undefined ? reference() : options.endpoint, config: { widgets: ['chat'], ...options.config } }));
  const handle = await mountChat(test.context);
  const chat = { test, handle, root: test.context.root, view: within(test.context.root as unknown as HTMLElement) };
  mounted.push(chat);
  await settle();
  return chat;
}

interface AgentConversation {
  id: string;
  email: string | null;
  knownCustomer: boolean;
  context: { page: { url: string; title: string }; products: { id: string; name: string; url: string; price: number }[]; visits: number; knownCustomer: boolean };
}

async function conversations(endpoint: TestEndpoint): Promise<AgentConversation[]> {
  return (await agent<{ conversations: AgentConversation[] }>(endpoint, '/agent/conversations')).conversations;
}

async function storedMessages(endpoint: TestEndpoint, conversation: string): Promise<{ id: string; from: string; text: string }[]> {
  return (await agent<{ messages: { id: string; from: string; text: string }[] }>(endpoint, `/agent/conversations/${conversation}`)).messages;
}

function launcher(chat: Chat): HTMLElement {
  return chat.view.getByRole('button', { name: /^Chat with us/ });
}

async function openPanel(chat: Chat): Promise<HTMLElement> {
  fireEvent.click(launcher(chat));
  return until(() => chat.view.getByRole('dialog', { name: 'Chat with us' }));
}

async function write(chat: Chat, text: string, email?: string): Promise<void> {
  if (email !== undefined) fireEvent.input(chat.view.getByLabelText('Your email, so we can reply'), { target: { value: email } });
  fireEvent.input(chat.view.getByRole('textbox', { name: 'Your message' }), { target: { value: text } });
  fireEvent.click(chat.view.getByRole('button', { name: 'Send' }));
  await settle();
}

function messageItem(chat: Chat, text: string): HTMLElement {
  return chat.view.getByText(text).closest('li')!;
}

const PRODUCT: Product = {
  id: 'rg-1001',
  name: 'Linen Overshirt',
  url: 'https://shop.example/linen-overshirt',
  image: null,
  price: 89,
  currency: 'EUR',
  sku: 'RG-1001',
  availability: 'in_stock',
};

describe('chat launcher', () => {
  it('shows only a labelled launcher and calls nothing before the shopper opens it', async () => {
    const chat = await mount();
    expect(launcher(chat).getAttribute('aria-expanded')).toBe('false');
    expect(chat.view.queryByRole('dialog')).toBeNull();
    await settle(5000);
    expect(chat.test.requests).toHaveLength(0);
  });

  it('asks the shop status once when the panel opens, however many rounds ask for it at once', async () => {
    const endpoint = reference();
    await agent(endpoint, '/agent/heartbeat', {});
    let answer: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (answer = resolve));
    const chat = await mount({
      endpoint: async (request) => {
        if (request.url.includes('/chat/status')) await held;
        return endpoint(request);
      },
    });
    await openPanel(chat);
    const statusAsks = () => chat.test.requests.filter((request) => request.url.includes('/chat/status')).length;
    await until(() => expect(statusAsks()).toBe(1));
    // The tab comes back into view while the first round still waits for the status: that asks for a round too.
    document.dispatchEvent(new Event('visibilitychange'));
    await settle(500);
    answer();
    await until(() => chat.view.getByText('We are online.'));
    await settle(3000);
    expect(statusAsks()).toBe(1);
  });

  it('asks the status route on open even when a closed-panel poll already told online or away, for the channels and the stream', async () => {
    const endpoint = reference({ chat: { channels: [{ kind: 'whatsapp', url: 'https://wa.me/15550100123' }] } });
    await agent(endpoint, '/agent/heartbeat', {});
    const first = await mount({ endpoint });
    await openPanel(first);
    await write(first, 'Hello?');
    await until(() => expect(messageItem(first, 'Hello?').textContent).toContain('Sent'));
    first.handle.unmount();

    // The next page: the panel's code loads on idle and polls, closed, before the shopper opens it.
    const context = { ...first.test.context, storage: createStorage({ channelName: 'regulars-chat-status-after-poll' }) };
    const second = await mount({ test: { ...first.test, context } });
    await elapse(8000, 500);
    const asked = (path: string) => first.test.requests.filter((request) => new URL(request.url).pathname.endsWith(path)).length;
    await until(() => expect(asked('/chat/messages')).toBeGreaterThan(1));
    const statusBefore = asked('/chat/status');
    await openPanel(second);
    await until(() => second.view.getByRole('link', { name: 'WhatsApp' }));
    expect(asked('/chat/status')).toBe(statusBefore + 1);
  });

  it('warns once and renders nothing without an endpoint', async () => {
    const test = await createTestContext('chat', { endpoint: null, config: { endpoint: '', widgets: ['chat'] } });
    const chat = await mount({ test });
    expect(chat.view.queryByRole('button')).toBeNull();
    expect(test.warnings.join('\n')).toMatch(/chat: needs the endpoint/);
  });

  it('speaks the configured language and takes merchant overrides', async () => {
    const chat = await mount({ config: { locale: 'sv', strings: { 'chat.title': 'Prata med Anna' } } });
    fireEvent.click(chat.view.getByRole('button', { name: 'Chatta med oss' }));
    await until(() => chat.view.getByRole('dialog', { name: 'Prata med Anna' }));
    expect(chat.view.getByRole('button', { name: 'Skicka' })).toBeTruthy();
  });
});

describe('chat panel: offline shop', () => {
  it('asks for an email, ties the error to the field, and delivers the message with email and context', async () => {
    const endpoint = reference();
    const chat = await mount({ endpoint });
    await chat.test.view(PRODUCT);
    chat.test.setVisit({ count: 4 });
    await openPanel(chat);
    await until(() => chat.view.getByText(/We are away right now/));
    const email = chat.view.getByLabelText('Your email, so we can reply');
    // The panel opened on the message field before the status was known; the email field, which came after, is the first to fill.
    await until(() => expect(chat.root.activeElement).toBe(email));

    await write(chat, 'Do you ship to Norway?', 'not-an-email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const error = chat.view.getByText(/Enter an email address/);
    expect(email.getAttribute('aria-describedby')).toBe(error.id);
    expect(chat.view.queryByText('Do you ship to Norway?')).toBeNull();

    await write(chat, 'Do you ship to Norway?', 'Ana@Example.com');
    await until(() => expect(messageItem(chat, 'Do you ship to Norway?').textContent).toContain('Sent'));
    const [conversation] = await conversations(endpoint);
    expect(conversation!.email).toBe('ana@example.com');
    expect(conversation!.context.visits).toBe(4);
    expect(conversation!.context.knownCustomer).toBe(false);
    expect(conversation!.context.page.url).toBe(location.href.split('#')[0]);
    expect(conversation!.context.products).toEqual([{ id: 'rg-1001', name: 'Linen Overshirt', url: PRODUCT.url, price: 89, currency: 'EUR' }]);
    expect(chat.test.tracked.map((event) => event.type)).toEqual(['chat_opened', 'chat_message_sent']);
    // The email is asked once; the next message goes without the field.
    expect(chat.view.queryByLabelText('Your email, so we can reply')).toBeNull();
  });

  it('treats garbage from the status route as unreachable and still keeps the message', async () => {
    const endpoint = reference();
    const garbage: TestEndpoint = (request) =>
      new URL(request.url).pathname.endsWith('/chat/status') ? new Response('<html>oops</html>', { status: 200 }) : endpoint(request);
    const chat = await mount({ endpoint: garbage });
    await openPanel(chat);
    await until(() => chat.view.getByText(/We cannot reach the shop right now/));
    await write(chat, 'Hello?', 'sam@example.com');
    await until(() => expect(messageItem(chat, 'Hello?').textContent).toContain('Sent'));
  });
});

describe('chat panel: online shop', () => {
  it('shows the reply time, sends without an email, and renders the agent reply as text', async () => {
    const endpoint = reference({ chat: { replyTimeMinutes: 5 } });
    await agent(endpoint, '/agent/heartbeat', {});
    const chat = await mount({ endpoint });
    chat.test.setIdentity({ customer: 'cust-42' });
    await openPanel(chat);
    await until(() => chat.view.getByText('We are online and usually reply within 5 minutes.'));
    expect(chat.view.queryByLabelText('Your email, so we can reply')).toBeNull();
    expect(chat.test.emitted.map((event) => event.name)).toContain('chat:opened');

    await write(chat, 'Is the overshirt true to size?');
    await until(() => expect(messageItem(chat, 'Is the overshirt true to size?').textContent).toContain('Sent'));
    const [conversation] = await conversations(endpoint);
    expect(conversation!.knownCustomer).toBe(true);

    const hostile = '<img src=x onerror="alert(1)"> <b>Yes</b>, true to size.';
    await agent(endpoint, `/agent/conversations/${conversation!.id}/messages`, { text: hostile });
    const reply = await until(() => messageItem(chat, hostile));
    expect(reply.querySelector('img, b')).toBeNull();
    expect(reply.querySelector('.text')!.textContent).toBe(hostile);
    expect(chat.root.textContent).toContain(`New message from the shop: ${hostile}`);
    expect(chat.test.emitted.find((event) => event.name === 'chat:message')?.detail).toMatchObject({ text: hostile });
  });

  it('reads out every reply of a poll, and a reply that repeats the one before', async () => {
    const endpoint = reference();
    await agent(endpoint, '/agent/heartbeat', {});
    const chat = await mount({ endpoint });
    await openPanel(chat);
    await write(chat, 'Do you ship to Norway?');
    await until(() => expect(messageItem(chat, 'Do you ship to Norway?').textContent).toContain('Sent'));
    const [conversation] = await conversations(endpoint);
    const reply = (text: string) => agent(endpoint, `/agent/conversations/${conversation!.id}/messages`, { text });
    const announced = () => chat.root.querySelector('.panel > [aria-live] > span')!;

    await reply('Yes');
    await reply('Within 3 days.');
    await until(() => expect(announced().textContent).toBe('New message from the shop: Yes New message from the shop: Within 3 days.'));
    await write(chat, 'And to Iceland?');
    await reply('Yes');
    await until(() => expect(announced().textContent).toBe('New message from the shop: Yes'));
    const before = announced();
    await write(chat, 'Today?');
    await reply('Yes');
    await until(() => expect(chat.view.getAllByText('Yes')).toHaveLength(3));
    // The same words again: a new node in the live region, which screen readers announce.
    await until(() => expect(announced()).not.toBe(before));
    expect(announced().textContent).toBe('New message from the shop: Yes');
  });

  it('polls fast while open and backs off to 15 s when nothing new arrives', async () => {
    const endpoint = reference();
    await agent(endpoint, '/agent/heartbeat', {});
    const chat = await mount({ endpoint });
    await openPanel(chat);
    await write(chat, 'Hi');
    await until(() => expect(messageItem(chat, 'Hi').textContent).toContain('Sent'));
    const polls = () => chat.test.requests.filter((request) => request.method === 'GET' && request.url.includes('/chat/messages')).length;
    const start = polls();
    await elapse(2000);
    expect(polls()).toBe(start + 1);
    // 2 s growing by half each time without news, capped at 15 s: one minute holds 5 to 14 polls, not 30.
    await elapse(60_000);
    const minute = polls() - start;
    expect(minute).toBeGreaterThan(4);
    expect(minute).toBeLessThan(15);
    const before = polls();
    await elapse(15_000);
    expect(polls() - before).toBe(1);
  });
});

describe('chat: unread badge while closed', () => {
  it('counts agent replies that arrive while the panel is closed and clears them on open', async () => {
    const endpoint = reference();
    const chat = await mount({ endpoint });
    await openPanel(chat);
    await write(chat, 'Ping', 'a@example.com');
    await until(() => expect(messageItem(chat, 'Ping').textContent).toContain('Sent'));
    fireEvent.click(chat.view.getByRole('button', { name: 'Close chat' }));
    await settle();
    const [conversation] = await conversations(endpoint);
    await agent(endpoint, `/agent/conversations/${conversation!.id}/messages`, { text: 'Pong' });
    await agent(endpoint, `/agent/conversations/${conversation!.id}/messages`, { text: 'Anything else?' });
    await elapse(60_000, 1000);
    await until(() => chat.view.getByRole('button', { name: 'Chat with us, 2 unread messages' }));
    expect(chat.root.querySelector('.badge')!.textContent).toBe('2');
    expect(chat.root.textContent).toContain('2 new chat messages');
    expect(chat.test.emitted.filter((event) => event.name === 'chat:unread').at(-1)?.detail).toEqual({ count: 2 });
    expect(chat.test.emitted.filter((event) => event.name === 'chat:message')).toHaveLength(2);

    fireEvent.click(launcher(chat));
    await until(() => chat.view.getByRole('button', { name: 'Chat with us' }));
    expect(chat.root.querySelector('.badge')).toBeNull();
    expect(chat.test.emitted.filter((event) => event.name === 'chat:unread').at(-1)?.detail).toEqual({ count: 0 });
    expect(await chat.test.storage.get('chat:conversation')).toMatchObject({ unread: 0 });
  });
});

describe('chat: queued messages are delivered exactly once', () => {
  /** The reference endpoint behind a switch: down throws like a dropped connection; `lose` stores the message but drops the answer. */
  function flaky(endpoint: TestEndpoint) {
    const state = { mode: 'down' as 'up' | 'down' | 'lose' | 'portal' };
    const handler: TestEndpoint = async (request) => {
      if (state.mode === 'down') throw new TypeError('Failed to fetch');
      // Something between the shopper and the endpoint (a captive portal, a firewall) answers with its own page.
      if (state.mode === 'portal') return new Response('<h1>Sign in to the network</h1>', { status: 403, headers: { 'Content-Type': 'text/html' } });
      const response = await endpoint(request);
      if (state.mode === 'lose' && request.method === 'POST') throw new TypeError('Failed to fetch');
      return response;
    };
    return { state, handler };
  }

  it('shows a queued message as waiting, then failed-will-retry, and delivers it once when the endpoint recovers', async () => {
    const endpoint = reference();
    const { state, handler } = flaky(endpoint);
    const chat = await mount({ endpoint: handler });
    await openPanel(chat);
    await until(() => chat.view.getByText(/We cannot reach the shop right now/));
    fireEvent.input(chat.view.getByLabelText('Your email, so we can reply'), { target: { value: 'kim@example.com' } });
    fireEvent.input(chat.view.getByRole('textbox', { name: 'Your message' }), { target: { value: 'Is it waterproof?' } });
    fireEvent.click(chat.view.getByRole('button', { name: 'Send' }));
    expect(await until(() => chat.view.getByText('Is it waterproof?'))).toBeTruthy();
    await until(() => expect(messageItem(chat, 'Is it waterproof?').textContent).toMatch(/Waiting to send|Not sent yet, will retry/));
    await until(() => expect(messageItem(chat, 'Is it waterproof?').textContent).toContain('Not sent yet, will retry'));
    const [queued] = (await chat.test.storage.get<{ id: string }[]>(STORAGE_KEYS.outbox))!;

    state.mode = 'up';
    await until(() => expect(messageItem(chat, 'Is it waterproof?').textContent).toContain('Sent'), 500);
    const [conversation] = await conversations(endpoint);
    const stored = await storedMessages(endpoint, conversation!.id);
    expect(stored).toEqual([{ id: queued!.id, from: 'shopper', text: 'Is it waterproof?', at: expect.any(String) }]);
    expect(await chat.test.storage.get(STORAGE_KEYS.outbox)).toEqual([]);
    // Every try carried the same id.
    const posts = await Promise.all(chat.test.requests.filter((request) => request.method === 'POST').map((request) => request.json()));
    expect(posts.length).toBeGreaterThan(1);
    expect(new Set(posts.map((post) => post.id))).toEqual(new Set([queued!.id]));
  });

  it('keeps what the shopper types while the panel that just opened is still reading the stored conversation', async () => {
    const chat = await mount();
    const { storage } = chat.test;
    const get = storage.get.bind(storage);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    storage.get = async <T,>(key: string) => {
      if (key === STORAGE_KEYS.conversation) await held;
      return get<T>(key);
    };
    await openPanel(chat);
    const field = chat.view.getByRole('textbox', { name: 'Your message' }) as HTMLTextAreaElement;
    fireEvent.input(field, { target: { value: 'Typed at once' } });
    release();
    await settle(100);
    expect((chat.view.getByRole('textbox', { name: 'Your message' }) as HTMLTextAreaElement).value).toBe('Typed at once');
  });

  it.each([
    ['the endpoint took it but the answer was lost', 'lose', 'Can I pick it up in store?'],
    ['a captive portal answered with its own 403 page', 'portal', 'Is the store open on Sunday?'],
  ] as const)('stores a message once when %s, once the endpoint answers', async (_case, mode, text) => {
    const endpoint = reference();
    await agent(endpoint, '/agent/heartbeat', {});
    const { state, handler } = flaky(endpoint);
    state.mode = 'up';
    const chat = await mount({ endpoint: handler });
    await openPanel(chat);
    await until(() => chat.view.getByRole('button', { name: 'Send' }));
    state.mode = mode;
    await write(chat, text);
    await until(() => expect(messageItem(chat, text).textContent).toContain('Not sent yet, will retry'));
    state.mode = 'up';
    await until(() => expect(messageItem(chat, text).textContent).toContain('Sent'), 500);
    const [conversation] = await conversations(endpoint);
    expect((await storedMessages(endpoint, conversation!.id)).map((message) => message.text)).toEqual([text]);
  });

  it('sends a message the tab closes on before the outbox holds it, and stores it once when the write lands after all', async () => {
    const endpoint = reference();
    await agent(endpoint, '/agent/heartbeat', {});
    const chat = await mount({ endpoint });
    await openPanel(chat);
    await until(() => chat.view.getByRole('button', { name: 'Send' }));
    // A busy IndexedDB: the outbox write does not land before the shopper closes the tab.
    const { storage } = chat.test;
    const update = storage.update.bind(storage);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    storage.update = async (key, change) => {
      if (key === STORAGE_KEYS.outbox) await held;
      return update(key, change);
    };
    const testFetch = globalThis.fetch;
    const keepalive: boolean[] = [];
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'POST' && String(input).includes('/chat/messages')) keepalive.push(init.keepalive === true);
      return testFetch(input, init);
    });
    await write(chat, 'Do you ship to Norway?');
    expect(await storage.get(STORAGE_KEYS.outbox)).toBeUndefined();

    dispatchEvent(new Event('pagehide'));
    await until(async () => expect((await conversations(endpoint)).length).toBe(1));
    const [conversation] = await conversations(endpoint);
    expect((await storedMessages(endpoint, conversation!.id)).map((message) => message.text)).toEqual(['Do you ship to Norway?']);
    expect(keepalive).toEqual([true]);

    // The page lived on (the back/forward cache): the write lands and the outbox delivers the same id, stored once.
    release();
    await until(() => expect(messageItem(chat, 'Do you ship to Norway?').textContent).toContain('Sent'), 500);
    expect((await storedMessages(endpoint, conversation!.id)).map((message) => message.text)).toEqual(['Do you ship to Norway?']);
  });

  it('keeps the queue across a reload and delivers it from the next page without opening the panel', async () => {
    const endpoint = reference();
    const { state, handler } = flaky(endpoint);
    const first = await mount({ endpoint: handler });
    await openPanel(first);
    await until(() => first.view.getByText(/We cannot reach the shop right now/));
    await write(first, 'Message one', 'lee@example.com');
    await write(first, 'Message two');
    first.handle.unmount();

    // A new page: the same IndexedDB through a fresh storage (nothing in memory), the endpoint back up.
    state.mode = 'up';
    const context = { ...first.test.context, storage: createStorage({ channelName: 'regulars-chat-reload' }) };
    const second = await mount({ test: { ...first.test, context } });
    await settle(5000);
    await until(async () => expect(await conversations(endpoint)).toHaveLength(1));
    const [conversation] = await conversations(endpoint);
    await until(async () => expect((await storedMessages(endpoint, conversation!.id)).map((message) => message.text)).toEqual(['Message one', 'Message two']));
    expect(conversation!.email).toBe('lee@example.com');
    await openPanel(second);
    expect(messageItem(second, 'Message two').textContent).toContain('Sent');
  });
});

describe('chat: an endpoint that forgot the conversation', () => {
  it('sends the next message without the old conversation id, with the same message id, and carries on', async () => {
    let current = reference();
    await agent(current, '/agent/heartbeat', {});
    const chat = await mount({ endpoint: (request) => current(request) });
    await openPanel(chat);
    await write(chat, 'First');
    await until(() => expect(messageItem(chat, 'First').textContent).toContain('Sent'));

    // The endpoint lost its data (a restart without persistence): the stored conversation id is unknown now.
    current = reference();
    await agent(current, '/agent/heartbeat', {});
    await write(chat, 'Second');
    await until(() => expect(messageItem(chat, 'Second').textContent).toContain('Sent'));
    const [conversation] = await conversations(current);
    expect((await storedMessages(current, conversation!.id)).map((message) => message.text)).toEqual(['Second']);
    const posts = await Promise.all(chat.test.requests.filter((request) => request.method === 'POST').map((request) => request.json()));
    const second = posts.filter((post) => post.text === 'Second');
    expect(second.map((post) => post.conversation === undefined)).toEqual([false, true]);
    expect(new Set(second.map((post) => post.id)).size).toBe(1);
    expect(await chat.test.storage.get('chat:conversation')).toMatchObject({ id: conversation!.id });
  });
});

describe('chat panel: keyboard and dialog behaviour', () => {
  it('focuses the message field, keeps Tab inside, and Escape closes and returns focus to the launcher', async () => {
    const endpoint = reference();
    await agent(endpoint, '/agent/heartbeat', {});
    const chat = await mount({ endpoint });
    launcher(chat).focus();
    const dialog = await openPanel(chat);
    await until(() => expect(chat.root.activeElement).toBe(chat.view.getByRole('textbox', { name: 'Your message' })));
    expect(dialog.getAttribute('aria-modal')).toBe('true');

    const send = chat.view.getByRole('button', { name: 'Send' });
    send.focus();
    fireEvent.keyDown(send, { key: 'Tab' });
    expect(chat.root.activeElement).toBe(chat.view.getByRole('button', { name: 'Close chat' }));
    fireEvent.keyDown(chat.root.activeElement!, { key: 'Tab', shiftKey: true });
    expect(chat.root.activeElement).toBe(send);

    fireEvent.keyDown(send, { key: 'Escape' });
    await settle();
    expect(launcher(chat).getAttribute('aria-expanded')).toBe('false');
    expect(chat.root.activeElement).toBe(launcher(chat));
    expect(dialog.hidden).toBe(true);
  });

  it('sends with Enter but not while an input method is composing', async () => {
    const endpoint = reference();
    await agent(endpoint, '/agent/heartbeat', {});
    const chat = await mount({ endpoint });
    await openPanel(chat);
    await until(() => chat.view.getByText('We are online.'));
    const field = chat.view.getByRole('textbox', { name: 'Your message' });
    fireEvent.input(field, { target: { value: 'สวัสดี' } });
    fireEvent.keyDown(field, { key: 'Enter', isComposing: true });
    await settle();
    expect(chat.view.queryByRole('list', { name: 'Conversation' })).toBeNull();
    fireEvent.keyDown(field, { key: 'Enter' });
    await until(() => expect(messageItem(chat, 'สวัสดี').textContent).toContain('Sent'));
    expect((field as HTMLTextAreaElement).value).toBe('');
  });

  it('refuses an empty message with an error tied to the field', async () => {
    const endpoint = reference();
    await agent(endpoint, '/agent/heartbeat', {});
    const chat = await mount({ endpoint });
    await openPanel(chat);
    fireEvent.click(chat.view.getByRole('button', { name: 'Send' }));
    await settle();
    const field = chat.view.getByRole('textbox', { name: 'Your message' });
    expect(field.getAttribute('aria-describedby')).toBe(chat.view.getByText('Write a message first.').id);
    expect(chat.test.requests.some((request) => request.method === 'POST')).toBe(false);
  });
});

describe('chat: host API', () => {
  it('opens and closes through the handle, with events for the host page and analytics', async () => {
    const chat = await mount();
    chat.handle.open!();
    await until(() => chat.view.getByRole('dialog', { name: 'Chat with us' }));
    expect(chat.test.emitted.find((event) => event.name === 'chat:opened')).toBeTruthy();
    expect(chat.test.tracked.filter((event) => event.type === 'chat_opened')).toHaveLength(1);
    expect(chat.test.context.modal.holder()).toBe('chat');
    // Open, the host rises above the other widgets' tabs that share its layer.
    expect(chat.test.context.host.hasAttribute('data-regulars-open')).toBe(true);
    chat.handle.close!();
    await settle();
    expect(chat.view.queryByRole('dialog')).toBeNull();
    expect(chat.test.context.modal.holder()).toBeNull();
    expect(chat.test.context.host.hasAttribute('data-regulars-open')).toBe(false);
  });
});

describe('chat: other channels', () => {
  it('lists the merchant\'s and the endpoint\'s channels as links, only with http(s), mailto: or tel: URLs', async () => {
    const endpoint = reference({ chat: { channels: [{ kind: 'messenger', url: 'https://m.me/demo-shop', label: 'Facebook Messenger' }] } });
    const chat = await mount({
      endpoint,
      config: {
        chat: {
          channels: [
            { kind: 'whatsapp', url: 'https://wa.me/46701234567' },
            { kind: 'email', url: 'mailto:help@shop.example' },
            { kind: 'phone', url: 'tel:+4681234567', label: 'Call Anna' },
            { kind: 'link', url: 'javascript:alert(1)' },
            { kind: 'link', url: 'data:text/html,<b>x</b>' },
            // @ts-expect-error not a channel kind on purpose: the panel must leave it out
            { kind: 'fax', url: 'https://fax.example' },
          ],
        },
      },
    });
    await openPanel(chat);
    expect(chat.test.warnings.filter((warning) => warning.startsWith('chat.channels'))).toHaveLength(3);
    const nav = await until(() => chat.view.getByRole('navigation', { name: 'Other ways to reach us' }));
    const links = within(nav).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['WhatsApp', 'https://wa.me/46701234567'],
      ['Email', 'mailto:help@shop.example'],
      ['Call Anna', 'tel:+4681234567'],
      ['Facebook Messenger', 'https://m.me/demo-shop'],
    ]);
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(links[1]!.hasAttribute('target')).toBe(false);
  });
});

describe('chat on a shared computer', () => {
  const ada = { customer: 'cust-77', identityHash: 'hash-77', email: 'ada@example.com' };
  const loggedOut = { customer: undefined, identityHash: undefined, email: undefined };

  async function conversationsWithCustomer(endpoint: TestEndpoint) {
    return (await agent<{ conversations: { id: string; customer: string | null; email: string | null }[] }>(endpoint, '/agent/conversations')).conversations;
  }

  /** The next page load in the same browser: the same IndexedDB through a fresh storage. */
  async function nextPage(previous: Chat, channel: string): Promise<Chat> {
    previous.handle.unmount();
    const context = { ...previous.test.context, storage: createStorage({ channelName: channel }) };
    return mount({ test: { ...previous.test, context } });
  }

  /** The shop online, and the identified customer's first message, delivered. */
  async function customerWrote(text: string): Promise<{ endpoint: TestEndpoint; chat: Chat }> {
    const endpoint = reference();
    await agent(endpoint, '/agent/heartbeat', {});
    const chat = await mount({ endpoint });
    chat.test.setIdentity(ada);
    await openPanel(chat);
    await write(chat, text);
    await until(() => expect(messageItem(chat, text).textContent).toContain('Sent'));
    return { endpoint, chat };
  }

  it("after a logout, the next person sees none of the customer's chat and writes into a conversation of their own", async () => {
    const { endpoint, chat: first } = await customerWrote('My order 1234, 12 Private Rd');

    first.test.setIdentity(loggedOut);
    const second = await nextPage(first, 'regulars-chat-shared-1');
    await openPanel(second);
    await settle(3000);
    expect(second.view.queryByText('My order 1234, 12 Private Rd')).toBeNull();
    await write(second, 'Next person here');
    await until(async () => expect(await conversationsWithCustomer(endpoint)).toHaveLength(2));
    const [theirs, next] = await conversationsWithCustomer(endpoint);
    expect(theirs).toMatchObject({ customer: 'cust-77', email: 'ada@example.com' });
    expect(next).toMatchObject({ customer: null, email: null });
    expect((await storedMessages(endpoint, theirs!.id)).map((message) => message.text)).toEqual(['My order 1234, 12 Private Rd']);
    expect((await storedMessages(endpoint, next!.id)).map((message) => message.text)).toEqual(['Next person here']);
  });

  it("gives a customer who logs back in none of what the next person wrote, and their own conversation once they write", async () => {
    const { endpoint, chat: first } = await customerWrote('Ada: does it run large?');

    first.test.setIdentity(loggedOut);
    const second = await nextPage(first, 'regulars-chat-shared-3');
    await openPanel(second);
    await write(second, 'Bob: new person here');
    await until(() => expect(messageItem(second, 'Bob: new person here').textContent).toContain('Sent'));

    second.test.setIdentity(ada);
    const third = await nextPage(second, 'regulars-chat-shared-4');
    await openPanel(third);
    await settle(3000);
    expect(third.view.queryByText('Bob: new person here')).toBeNull();
    await write(third, 'Ada again');
    await until(() => expect(messageItem(third, 'Ada: does it run large?').textContent).toContain('Sent'));
    const [hers, his] = await conversationsWithCustomer(endpoint);
    expect(hers).toMatchObject({ customer: 'cust-77', email: 'ada@example.com' });
    expect(his).toMatchObject({ customer: null });
    expect((await storedMessages(endpoint, hers!.id)).map((message) => message.text)).toEqual(['Ada: does it run large?', 'Ada again']);
    expect((await storedMessages(endpoint, his!.id)).map((message) => message.text)).toEqual(['Bob: new person here']);
  });

  it('lets go of the customer at a logout without a page load: the badge, the messages and the email field', async () => {
    const endpoint = reference();
    const chat = await mount({ endpoint });
    chat.test.setIdentity(ada);
    await openPanel(chat);
    await until(() => chat.view.getByText(/We are away right now/));
    await write(chat, 'Where is my order?');
    await until(() => expect(messageItem(chat, 'Where is my order?').textContent).toContain('Sent'));
    fireEvent.click(chat.view.getByRole('button', { name: 'Close chat' }));
    await settle();
    const [conversation] = await conversations(endpoint);
    await agent(endpoint, `/agent/conversations/${conversation!.id}/messages`, { text: 'It ships today.' });
    await elapse(60_000, 1000);
    await until(() => chat.view.getByRole('button', { name: 'Chat with us, 1 unread message' }));

    // What the runtime does on regulars('identify', null): the host asks mounted widgets to re-read who the shopper is.
    chat.test.setIdentity(loggedOut);
    chat.handle.refresh?.();
    await until(() => chat.view.getByRole('button', { name: 'Chat with us' }));
    await openPanel(chat);
    await settle(1000);
    expect(chat.view.queryByText('Where is my order?')).toBeNull();
    expect(chat.view.queryByText('It ships today.')).toBeNull();
    expect((chat.view.getByLabelText('Your email, so we can reply') as HTMLInputElement).value).toBe('');
  });

  it("delivers a message the customer queued before logging out to their conversation, without showing it to the next person", async () => {
    const endpoint = reference();
    await agent(endpoint, '/agent/heartbeat', {});
    let down = true;
    const handler: TestEndpoint = async (request) => {
      if (down) throw new TypeError('Failed to fetch');
      return endpoint(request);
    };
    const first = await mount({ endpoint: handler });
    first.test.setIdentity(ada);
    await openPanel(first);
    await until(() => first.view.getByText(/We cannot reach the shop right now/));
    await write(first, 'Written before logging out');

    first.test.setIdentity(loggedOut);
    down = false;
    const second = await nextPage(first, 'regulars-chat-shared-2');
    await settle(5000);
    await until(async () => expect(await conversationsWithCustomer(endpoint)).toHaveLength(1));
    const [theirs] = await conversationsWithCustomer(endpoint);
    expect(theirs).toMatchObject({ customer: 'cust-77' });
    expect((await storedMessages(endpoint, theirs!.id)).map((message) => message.text)).toEqual(['Written before logging out']);
    await openPanel(second);
    await settle(1000);
    expect(second.view.queryByText('Written before logging out')).toBeNull();
  });
});
