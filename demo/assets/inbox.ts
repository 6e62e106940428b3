/**
 * The demo's agent inbox: lists the chat conversations the reference endpoint holds, in the
 * endpoint's queue order (waiting ones first), with what the chat launcher told about each shopper,
 * opens one, and sends the shop's replies. While the page is open it sends a heartbeat every 10 s, so
 * shoppers see the shop as online. Everything shown came from shoppers or pages, so it is only
 * ever set as textContent, and a page URL becomes a link only when it is http(s). Refreshes update
 * the elements in place, so the agent's keyboard focus and scroll position survive them.
 */

/** Bearer token of the demo's inbox; the demo publishes it so anyone can try chatting with themselves. */
export const DEMO_AGENT_TOKEN = 'demo-agent-token';
/** Base path of the demo's reference endpoint. */
export const ENDPOINT_PATH = '/regulars';
/** How often the inbox tells the endpoint an agent is present. */
export const HEARTBEAT_MS = 10_000;
/** How often the conversation list and the open conversation are refreshed. */
export const REFRESH_MS = 2_000;

/** What the chat launcher sends about the shopper. */
export interface ShopperContext {
  page?: { url?: unknown; title?: unknown };
  products?: { id?: unknown; name?: unknown; url?: unknown; price?: unknown; currency?: unknown }[];
  visits?: unknown;
  knownCustomer?: unknown;
}

/** A conversation as `GET /agent/conversations` lists it. */
export interface ConversationSummary {
  id: string;
  shopper: string;
  customer: string | null;
  verified: boolean;
  email: string | null;
  knownCustomer: boolean;
  context: ShopperContext | null;
  waiting: boolean;
  updatedAt: string;
  lastMessage: { from: string; text: string; at: string };
}

/** One message of a conversation. */
export interface InboxMessage {
  id: string;
  from: string;
  text: string;
  at: string;
}

/** The elements the inbox renders into. */
export interface InboxElements {
  root: HTMLElement;
  empty: HTMLElement | null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function isSummary(value: unknown): value is ConversationSummary {
  return isObject(value) && typeof value.id === 'string' && typeof value.updatedAt === 'string' && isObject(value.lastMessage);
}

function isMessage(value: unknown): value is InboxMessage {
  return isObject(value) && typeof value.id === 'string' && typeof value.from === 'string' && typeof value.text === 'string' && typeof value.at === 'string';
}

/** Who the agent talks to, in a few words: email, customer id, or the anonymous shopper id's start. */
export function shopperName(conversation: ConversationSummary): string {
  if (conversation.email) return conversation.email;
  if (conversation.customer) return `Customer ${conversation.customer}`;
  return `Visitor ${conversation.shopper.slice(0, 8)}`;
}

function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function timeElement(doc: Document, iso: string): HTMLTimeElement {
  const date = new Date(iso);
  const time = element(doc, 'time', undefined, Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' }));
  if (!Number.isNaN(date.getTime())) time.dateTime = date.toISOString();
  return time;
}

function formatPrice(price: unknown, currency: unknown): string {
  if (typeof price !== 'number') return '';
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency: asText(currency) || 'EUR' }).format(price);
  } catch {
    return String(price);
  }
}

/** Builds the "about this shopper" block: page, viewed products, visits, known customer. */
export function contextBlock(doc: Document, conversation: ConversationSummary): HTMLElement {
  const list = element(doc, 'dl', 'inbox__context');
  const row = (term: string, ...content: (Node | string)[]) => {
    list.append(element(doc, 'dt', undefined, term));
    const detail = element(doc, 'dd');
    detail.append(...content);
    list.append(detail);
  };
  const context = isObject(conversation.context) ? conversation.context : {};
  row('Customer', conversation.knownCustomer ? `Known customer${conversation.customer ? ` (${conversation.customer}${conversation.verified ? ', verified' : ''})` : ''}` : 'Not signed in');
  if (conversation.email) row('Email', conversation.email);
  if (typeof context.visits === 'number') row('Visits', String(context.visits));
  const page = isObject(context.page) ? context.page : {};
  const pageUrl = httpUrl(page.url);
  if (pageUrl || page.title) {
    const title = asText(page.title) || pageUrl || '';
    if (pageUrl) {
      const link = element(doc, 'a', undefined, title);
      link.href = pageUrl;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      row('Page', link);
    } else {
      row('Page', title);
    }
  }
  const products = Array.isArray(context.products) ? context.products.filter(isObject) : [];
  if (products.length) {
    const items = element(doc, 'ul', 'inbox__products');
    for (const product of products) {
      const item = element(doc, 'li');
      const url = httpUrl(product.url);
      const name = asText(product.name) || asText(product.id) || 'Product';
      if (url) {
        const link = element(doc, 'a', undefined, name);
        link.href = url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        item.append(link);
      } else {
        item.append(name);
      }
      const price = formatPrice(product.price, product.currency);
      if (price) item.append(` · ${price}`);
      items.append(item);
    }
    row('Viewed', items);
  }
  return list;
}

/** Builds one message of the open conversation. */
export function messageItem(doc: Document, message: InboxMessage): HTMLLIElement {
  const item = element(doc, 'li', `inbox__message inbox__message--${message.from === 'agent' ? 'agent' : message.from === 'system' ? 'system' : 'shopper'}`);
  item.dataset.id = message.id;
  const who = element(doc, 'p', 'inbox__meta', message.from === 'agent' ? 'You (shop) · ' : message.from === 'system' ? 'Notice · ' : 'Shopper · ');
  who.append(timeElement(doc, message.at));
  item.append(who, element(doc, 'p', 'inbox__text', message.text));
  return item;
}

/** A Fetch-like function the inbox calls the endpoint with (tests pass the reference handler). */
export type Fetcher = (input: string, init?: RequestInit) => Promise<Response>;

/** Options of `startInbox`. */
export interface InboxOptions {
  fetcher?: Fetcher;
  token?: string;
  heartbeatMs?: number;
  refreshMs?: number;
}

/** Starts the inbox in `ui.root`; returns a function that stops its timers. */
export function startInbox(doc: Document, ui: InboxElements, options: InboxOptions = {}): () => void {
  const fetcher: Fetcher = options.fetcher ?? ((input, init) => fetch(input, init));
  const token = options.token ?? DEMO_AGENT_TOKEN;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const refreshMs = options.refreshMs ?? REFRESH_MS;
  let stopped = false;
  let selected: string | null = null;
  let cursor = '';
  let conversations: ConversationSummary[] = [];
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  async function call(path: string, body?: unknown): Promise<unknown> {
    const response = await fetcher(ENDPOINT_PATH + path, {
      method: body === undefined ? 'GET' : 'POST',
      cache: 'no-store',
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  }

  // The page's static structure: a presence line, the list, and the open conversation.
  const presence = element(doc, 'p', 'inbox__presence', 'Connecting…');
  presence.setAttribute('role', 'status');
  const listHeading = element(doc, 'h3', 'inbox__heading', 'Conversations');
  listHeading.id = 'inbox-list-heading';
  const list = element(doc, 'ul', 'inbox__list');
  list.setAttribute('aria-labelledby', listHeading.id);
  const sidebar = element(doc, 'div', 'inbox__sidebar');
  sidebar.append(listHeading, list);

  const thread = element(doc, 'section', 'inbox__thread');
  thread.setAttribute('aria-labelledby', 'inbox-thread-heading');
  const threadHeading = element(doc, 'h3', 'inbox__heading', 'Choose a conversation');
  threadHeading.id = 'inbox-thread-heading';
  threadHeading.tabIndex = -1;
  const details = element(doc, 'div', 'inbox__details');
  // The log role sits on a wrapper: on the list itself it would hide the list semantics of its items.
  const log = element(doc, 'div', 'inbox__log');
  log.setAttribute('role', 'log');
  log.setAttribute('aria-label', 'Messages');
  const messages = element(doc, 'ol', 'inbox__messages');
  // It scrolls past its max-height, so keyboard users must be able to focus it to scroll it (axe scrollable-region-focusable).
  messages.tabIndex = 0;
  messages.setAttribute('aria-labelledby', threadHeading.id);
  log.append(messages);
  const form = element(doc, 'form', 'inbox__reply');
  form.hidden = true;
  const label = element(doc, 'label', undefined, 'Reply');
  label.htmlFor = 'inbox-reply-text';
  const textarea = element(doc, 'textarea');
  textarea.id = 'inbox-reply-text';
  textarea.rows = 3;
  textarea.maxLength = 2000;
  textarea.required = true;
  const send = element(doc, 'button', 'button', 'Send reply');
  send.type = 'submit';
  const formStatus = element(doc, 'p', 'inbox__form-status');
  formStatus.setAttribute('role', 'status');
  form.append(label, textarea, send, formStatus);
  thread.append(threadHeading, details, log, form);

  const layout = element(doc, 'div', 'inbox__layout');
  layout.append(sidebar, thread);
  ui.root.append(presence, layout);

  // One row per conversation id, kept across refreshes: replacing a focused button would drop the agent's focus to <body>.
  const rows = new Map<string, { item: HTMLLIElement; button: HTMLButtonElement; shown: string }>();
  let shownContext = '';

  function fillButton(button: HTMLButtonElement, conversation: ConversationSummary): void {
    const top = element(doc, 'span', 'inbox__who', shopperName(conversation));
    if (conversation.knownCustomer) top.append(' ', element(doc, 'span', 'inbox__badge', 'Known customer'));
    if (conversation.waiting) top.append(' ', element(doc, 'span', 'inbox__badge inbox__badge--waiting', 'Waiting'));
    const preview = element(doc, 'span', 'inbox__preview', conversation.lastMessage.text);
    const when = element(doc, 'span', 'inbox__when');
    when.append(timeElement(doc, conversation.updatedAt));
    button.replaceChildren(top, preview, when);
  }

  function rowFor(id: string): { item: HTMLLIElement; button: HTMLButtonElement; shown: string } {
    const existing = rows.get(id);
    if (existing) return existing;
    const item = element(doc, 'li');
    const button = element(doc, 'button', 'inbox__item');
    button.type = 'button';
    button.dataset.id = id;
    button.addEventListener('click', () => void select(id, true));
    item.append(button);
    const row = { item, button, shown: '' };
    rows.set(id, row);
    return row;
  }

  // moveBefore (Chromium 133+) moves a node without blurring it; elsewhere the caller puts focus back.
  function place(node: Node, before: Node | null): void {
    const parent = list as HTMLElement & { moveBefore?: (node: Node, child: Node | null) => void };
    if (node.isConnected && typeof parent.moveBefore === 'function') parent.moveBefore(node, before);
    else list.insertBefore(node, before);
  }

  /** Shows the open conversation's context, rebuilding it only when what it says changed. */
  function showContext(conversation: ConversationSummary | undefined): void {
    const content = conversation
      ? JSON.stringify([conversation.id, conversation.knownCustomer, conversation.customer, conversation.verified, conversation.email, conversation.context])
      : '';
    if (content === shownContext) return;
    shownContext = content;
    details.replaceChildren(...(conversation ? [contextBlock(doc, conversation)] : []));
  }

  function renderList(): void {
    ui.root.classList.toggle('inbox--has-conversations', conversations.length > 0);
    if (ui.empty) ui.empty.hidden = conversations.length > 0;
    layout.hidden = conversations.length === 0;
    const focused = doc.activeElement instanceof HTMLElement && list.contains(doc.activeElement) ? doc.activeElement : null;
    const listed = new Set(conversations.map((conversation) => conversation.id));
    for (const [id, row] of rows) {
      if (listed.has(id)) continue;
      row.item.remove();
      rows.delete(id);
    }
    // The endpoint's order as given: it is the documented queue order (waiting first), not the page's to change.
    conversations.forEach((conversation, index) => {
      const row = rowFor(conversation.id);
      const shown = JSON.stringify([shopperName(conversation), conversation.knownCustomer, conversation.waiting, conversation.lastMessage.text, conversation.updatedAt]);
      if (row.shown !== shown) {
        fillButton(row.button, conversation);
        row.shown = shown;
      }
      if (conversation.id === selected) row.button.setAttribute('aria-current', 'true');
      else row.button.removeAttribute('aria-current');
      const current = list.children[index] ?? null;
      if (current !== row.item) place(row.item, current);
    });
    if (focused && focused.isConnected && doc.activeElement !== focused) focused.focus({ preventScroll: true });
  }

  async function refreshList(): Promise<void> {
    const answer = await call('/agent/conversations');
    conversations = isObject(answer) && Array.isArray(answer.conversations) ? answer.conversations.filter(isSummary) : [];
    renderList();
    const current = conversations.find((conversation) => conversation.id === selected);
    if (current) showContext(current);
    // The open conversation is gone (the events page's Reset): back to no selection, instead of asking for it forever.
    else if (selected) deselect();
  }

  function deselect(): void {
    selected = null;
    cursor = '';
    messages.replaceChildren();
    threadHeading.textContent = 'Choose a conversation';
    showContext(undefined);
    form.hidden = true;
  }

  async function refreshThread(): Promise<void> {
    const id = selected;
    if (!id) return;
    const answer = await call(`/agent/conversations/${encodeURIComponent(id)}${cursor ? `?after=${encodeURIComponent(cursor)}` : ''}`);
    if (id !== selected || !isObject(answer)) return;
    const fresh = Array.isArray(answer.messages) ? answer.messages.filter(isMessage) : [];
    // Follows new messages only when the agent was at the bottom, so reading back is never interrupted.
    const atBottom = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 8;
    for (const message of fresh) {
      if (!messages.querySelector(`[data-id="${CSS.escape(message.id)}"]`)) messages.append(messageItem(doc, message));
    }
    if (typeof answer.cursor === 'string') cursor = answer.cursor;
    if (fresh.length && atBottom) messages.scrollTop = messages.scrollHeight;
  }

  async function select(id: string, focus: boolean): Promise<void> {
    selected = id;
    cursor = '';
    messages.replaceChildren();
    const conversation = conversations.find((item) => item.id === id);
    threadHeading.textContent = conversation ? `Conversation with ${shopperName(conversation)}` : 'Conversation';
    showContext(conversation);
    form.hidden = false;
    renderList();
    if (focus) threadHeading.focus();
    try {
      await refreshThread();
    } catch {
      formStatus.textContent = 'Could not load the messages; retrying.';
    }
  }

  // A retried reply keeps its id, so the endpoint stores it once even if the first answer was lost.
  let pendingReply: { id: string; text: string } | null = null;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = textarea.value.trim();
    if (!selected || !text) {
      formStatus.textContent = 'Write a reply first.';
      textarea.focus();
      return;
    }
    if (!pendingReply || pendingReply.text !== text) pendingReply = { id: crypto.randomUUID(), text };
    const reply = pendingReply;
    send.disabled = true;
    formStatus.textContent = 'Sending…';
    call(`/agent/conversations/${encodeURIComponent(selected)}/messages`, reply)
      .then(async () => {
        pendingReply = null;
        textarea.value = '';
        formStatus.textContent = 'Sent.';
        await refreshThread();
        await refreshList();
      })
      .catch(() => {
        formStatus.textContent = 'Not sent: the endpoint did not answer. Press Send reply to try again.';
      })
      .finally(() => {
        send.disabled = false;
        textarea.focus();
      });
  });

  function every(name: string, ms: number, task: () => Promise<void>): void {
    const run = async () => {
      try {
        await task();
      } catch {
        // The next round tries again; the presence line tells the agent.
      }
      if (!stopped) timers.set(name, setTimeout(run, ms));
    };
    void run();
  }

  every('heartbeat', heartbeatMs, async () => {
    try {
      await call('/agent/heartbeat', { agent: 'demo-inbox' });
      presence.textContent = 'You are online: shoppers see that the shop answers now.';
    } catch {
      presence.textContent = 'The endpoint is not answering: shoppers see the shop as away. Retrying…';
    }
  });
  every('refresh', refreshMs, async () => {
    await refreshList();
    await refreshThread();
  });

  return () => {
    stopped = true;
    timers.forEach((timer) => clearTimeout(timer));
  };
}

const inboxRoot = typeof document === 'undefined' ? null : document.getElementById('inbox-root');
if (inboxRoot) startInbox(document, { root: inboxRoot, empty: inboxRoot.querySelector<HTMLElement>('.inbox__empty') });
