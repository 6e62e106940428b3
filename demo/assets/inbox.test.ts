import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEndpointHandler } from '../endpoint/handler';
import { createMemoryStore } from '../endpoint/store';
import { DEMO_AGENT_TOKEN, ENDPOINT_PATH, startInbox, type Fetcher } from './inbox';

const ORIGIN = 'https://shop.example';

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
  document.body.replaceChildren();
  vi.useRealTimers();
});

/** The reference endpoint as the inbox page reaches it, plus a shopper's side to write from. */
function setup() {
  let clock = Date.parse('2026-11-22T10:00:00.000Z');
  const store = createMemoryStore();
  const handler = createEndpointHandler({ store, agentToken: DEMO_AGENT_TOKEN, rateLimits: { chat: false }, now: () => clock, onError: () => {} });
  const calls: { path: string; method: string }[] = [];
  const fetcher: Fetcher = (input, init) => {
    const request = new Request(ORIGIN + input, init);
    calls.push({ path: new URL(request.url).pathname, method: request.method });
    return handler(request);
  };
  const shopperSays = async (shopper: string, id: string, text: string, extra: Record<string, unknown> = {}) => {
    clock += 60_000;
    const response = await handler(
      new Request(`${ORIGIN}${ENDPOINT_PATH}/chat/messages`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify({ shopper, id, text, ...extra }) }),
    );
    return ((await response.json()) as { conversation: string }).conversation;
  };
  const shopperPolls = async (shopper: string, conversation: string) => {
    const response = await handler(new Request(`${ORIGIN}${ENDPOINT_PATH}/chat/messages?shopper=${shopper}&conversation=${conversation}`));
    return (await response.json()) as { messages: { from: string; text: string }[]; online: boolean };
  };
  const agentSays = async (conversation: string, text: string) => {
    clock += 60_000;
    const response = await fetcher(`${ENDPOINT_PATH}/agent/conversations/${conversation}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEMO_AGENT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    expect(response.status).toBe(200);
  };
  const queue = async () => {
    const response = await fetcher(`${ENDPOINT_PATH}/agent/conversations`, { headers: { authorization: `Bearer ${DEMO_AGENT_TOKEN}` } });
    return ((await response.json()) as { conversations: { id: string }[] }).conversations.map((conversation) => conversation.id);
  };
  const root = document.createElement('section');
  const empty = document.createElement('p');
  empty.className = 'inbox__empty';
  root.append(empty);
  document.body.append(root);
  return { store, fetcher, calls, shopperSays, shopperPolls, agentSays, queue, root, empty };
}

async function until(check: () => void): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      check();
      return;
    } catch (error) {
      if (attempt > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

describe('agent inbox', () => {
  it('lists the waiting known customers first, then the longest wait, with the context the launcher sent, as text', async () => {
    const demo = setup();
    await demo.shopperSays('anon-1', 'm1', 'First, anonymous');
    await demo.shopperSays('anon-2', 'm2', '<img src=x onerror=alert(1)> newest', {
      context: { page: { url: 'javascript:alert(1)', title: 'Sneaky' }, products: [], visits: 1, knownCustomer: false },
    });
    await demo.shopperSays('cust-shopper', 'm3', 'I am a regular', {
      customer: 'c-77',
      email: 'ana@example.com',
      context: {
        page: { url: 'https://shop.example/products/linen', title: 'Linen Overshirt' },
        products: [{ id: 'rg-1001', name: 'Linen Overshirt', url: 'https://shop.example/products/linen', price: 89, currency: 'EUR' }],
        visits: 6,
        knownCustomer: true,
      },
    });
    stop = startInbox(document, { root: demo.root, empty: demo.empty }, { fetcher: demo.fetcher });
    await until(() => expect(demo.root.querySelectorAll('.inbox__item')).toHaveLength(3));
    const names = [...demo.root.querySelectorAll('.inbox__who')].map((who) => who.textContent);
    expect(names[0]).toContain('ana@example.com');
    expect(names[0]).toContain('Known customer');
    expect(names[1]).toContain('Visitor anon-1');
    expect(names[2]).toContain('Visitor anon-2');
    expect(demo.empty.hidden).toBe(true);
    expect(demo.root.querySelector('img')).toBeNull();
    expect(demo.root.textContent).toContain('<img src=x onerror=alert(1)> newest');

    (demo.root.querySelectorAll<HTMLButtonElement>('.inbox__item')[0]!).click();
    await until(() => expect(demo.root.querySelector('.inbox__messages')!.textContent).toContain('I am a regular'));
    const context = demo.root.querySelector('.inbox__context')!;
    expect(context.textContent).toContain('Known customer (c-77)');
    expect(context.textContent).toContain('Visits6');
    expect(context.querySelector('a[href="https://shop.example/products/linen"]')!.textContent).toBe('Linen Overshirt');
    expect(context.textContent).toContain('€89.00');

    (demo.root.querySelectorAll<HTMLButtonElement>('.inbox__item')[2]!).click();
    await until(() => expect(demo.root.querySelector('.inbox__context')!.textContent).toContain('Sneaky'));
    // A javascript: page URL stays text.
    expect(demo.root.querySelector('.inbox__context a')).toBeNull();
  });

  it('sends replies the shopper receives, and a heartbeat that shows the shop online', async () => {
    const demo = setup();
    const conversation = await demo.shopperSays('anon-9', 'm9', 'Do you have it in blue?');
    expect((await demo.shopperPolls('anon-9', conversation)).online).toBe(false);
    stop = startInbox(document, { root: demo.root, empty: demo.empty }, { fetcher: demo.fetcher });
    await until(() => expect(demo.root.querySelector('.inbox__presence')!.textContent).toMatch(/You are online/));
    expect(demo.calls.some((call) => call.path.endsWith('/agent/heartbeat') && call.method === 'POST')).toBe(true);
    expect((await demo.shopperPolls('anon-9', conversation)).online).toBe(true);

    await until(() => expect(demo.root.querySelector('.inbox__item')).not.toBeNull());
    demo.root.querySelector<HTMLButtonElement>('.inbox__item')!.click();
    await until(() => expect(demo.root.querySelector('form')!.hidden).toBe(false));
    const textarea = demo.root.querySelector('textarea')!;
    textarea.value = 'Yes, in navy blue.';
    demo.root.querySelector('form')!.requestSubmit();
    await until(() => expect(demo.root.querySelector('.inbox__form-status')!.textContent).toBe('Sent.'));
    expect((await demo.shopperPolls('anon-9', conversation)).messages.map((message) => [message.from, message.text])).toEqual([
      ['shopper', 'Do you have it in blue?'],
      ['agent', 'Yes, in navy blue.'],
    ]);
    await until(() => expect(demo.root.querySelector('.inbox__messages')!.textContent).toContain('Yes, in navy blue.'));
    expect(demo.root.querySelectorAll('.inbox__message')).toHaveLength(2);
  });

  it('shows the endpoint\'s queue order as given: waiting ones first, longest wait first, then answered ones', async () => {
    const demo = setup();
    const regular = await demo.shopperSays('cust-shopper', 'm1', 'Answered already', { customer: 'c-1', context: { knownCustomer: true } });
    const older = await demo.shopperSays('anon-1', 'm2', 'Waiting longest');
    const newer = await demo.shopperSays('anon-2', 'm3', 'Waiting shortest');
    await demo.agentSays(regular, 'Here you go.');
    const expected = [older, newer, regular];
    expect(await demo.queue()).toEqual(expected);
    stop = startInbox(document, { root: demo.root, empty: demo.empty }, { fetcher: demo.fetcher });
    await until(() => expect([...demo.root.querySelectorAll<HTMLButtonElement>('.inbox__item')].map((button) => button.dataset.id)).toEqual(expected));
  });

  it('keeps the focused conversation button and context link, and their elements, across refreshes', async () => {
    const demo = setup();
    const first = await demo.shopperSays('anon-1', 'm1', 'Hello');
    const second = await demo.shopperSays('anon-2', 'm2', 'Hi there', {
      context: { page: { url: 'https://shop.example/products/linen', title: 'Linen Overshirt' }, products: [], visits: 2, knownCustomer: false },
    });
    stop = startInbox(document, { root: demo.root, empty: demo.empty }, { fetcher: demo.fetcher, refreshMs: 10 });
    const button = (id: string) => demo.root.querySelector<HTMLButtonElement>(`.inbox__item[data-id="${id}"]`);
    await until(() => expect(button(second)).not.toBeNull());
    const listRefreshes = () => demo.calls.filter((call) => call.path.endsWith('/agent/conversations')).length;
    const refreshed = async () => {
      const before = listRefreshes();
      await until(() => expect(listRefreshes()).toBeGreaterThan(before + 2));
    };

    const focusedButton = button(second)!;
    focusedButton.focus();
    // New messages change the list's content and order while the agent's focus sits in it.
    await demo.shopperSays('anon-1', 'm3', 'Anyone there?');
    await demo.shopperSays('anon-3', 'm4', 'A new conversation');
    await until(() => expect(demo.root.querySelectorAll('.inbox__item')).toHaveLength(3));
    await until(() => expect(button(first)!.textContent).toContain('Anyone there?'));
    await refreshed();
    expect(button(second)).toBe(focusedButton);
    expect(document.activeElement).toBe(focusedButton);

    focusedButton.click();
    await until(() => expect(demo.root.querySelector('.inbox__context a')).not.toBeNull());
    const link = demo.root.querySelector<HTMLAnchorElement>('.inbox__context a')!;
    link.focus();
    await refreshed();
    expect(demo.root.querySelector('.inbox__context a')).toBe(link);
    expect(document.activeElement).toBe(link);
  });

  it('lets go of the open conversation once the endpoint no longer has it (a reset), instead of asking for it again', async () => {
    const demo = setup();
    const id = await demo.shopperSays('anon-1', 'm1', 'Hello');
    stop = startInbox(document, { root: demo.root, empty: demo.empty }, { fetcher: demo.fetcher, refreshMs: 20 });
    await until(() => expect(demo.root.querySelector('.inbox__item')).not.toBeNull());
    demo.root.querySelector<HTMLButtonElement>('.inbox__item')!.click();
    await until(() => expect(demo.root.querySelector('.inbox__messages')!.textContent).toContain('Hello'));
    await demo.store.reset();
    await until(() => expect(demo.root.querySelector('.inbox__messages')!.textContent).toBe(''));
    expect(demo.root.querySelector<HTMLFormElement>('form')!.hidden).toBe(true);
    const asked = () => demo.calls.filter((call) => call.path.endsWith(`/agent/conversations/${id}`)).length;
    const before = asked();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(asked()).toBe(before);
  });

  it('lets the keyboard reach the scrollable message list, named by the conversation', async () => {
    const demo = setup();
    await demo.shopperSays('anon-1', 'm1', 'Hello');
    stop = startInbox(document, { root: demo.root, empty: demo.empty }, { fetcher: demo.fetcher });
    await until(() => expect(demo.root.querySelector('.inbox__item')).not.toBeNull());
    demo.root.querySelector<HTMLButtonElement>('.inbox__item')!.click();
    await until(() => expect(demo.root.querySelector('.inbox__messages')!.textContent).toContain('Hello'));
    const messages = demo.root.querySelector<HTMLOListElement>('.inbox__messages')!;
    expect(messages.tabIndex).toBe(0);
    expect(messages.getAttribute('tabindex')).toBe('0');
    const name = messages.getAttribute('aria-label') ?? document.getElementById(messages.getAttribute('aria-labelledby') ?? '')?.textContent;
    expect(name).toBe('Conversation with Visitor anon-1');
    messages.focus();
    expect(document.activeElement).toBe(messages);
  });
});
