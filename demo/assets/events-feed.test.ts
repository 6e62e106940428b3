// @vitest-environment node
// Node's own fetch talks to the real demo server; a happy-dom window supplies the page.
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startDemoServer, type DemoServer } from '../server/server';
import { findEventsPageElements, startEventsPage, type EventsPageElements } from './events-feed';

const PAGE_HTML = readFileSync(new URL('../events.html', import.meta.url), 'utf8');

let server: DemoServer;
let window: Window;
let doc: Document;
let ui: EventsPageElements;
let stop: (() => void) | undefined;

const absolute = (path: string) => new URL(path, server.url).href;
const fetchFrom = (origin: () => string): typeof fetch => (input, init) => fetch(new URL(String(input), origin()), init);

async function sendBatch(types: string[], extra: { customer?: string; identity?: { customer: string; identityHash: string } } = {}): Promise<void> {
  const events = types.map((type) => ({
    id: crypto.randomUUID(),
    type,
    at: new Date().toISOString(),
    shopper: 'shopper-feed-test',
    page: { url: absolute('/demo/products/wool-beanie.html'), title: 'Wool Beanie', referrer: '' },
    ...(extra.customer ? { customer: extra.customer } : {}),
  }));
  const response = await fetch(absolute('/regulars/events'), {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify({ events, ...(extra.identity ? { identity: extra.identity } : {}) }),
  });
  expect(response.status).toBe(204);
}

const sendEvents = (...types: string[]) => sendBatch(types);

/** The hash the demo's merchant-server helper computes with the demo's identity secret. */
async function demoIdentity(customer: string): Promise<{ customer: string; identityHash: string }> {
  return (await (await fetch(absolute(`/demo-api/identity?customer=${encodeURIComponent(customer)}`))).json()) as { customer: string; identityHash: string };
}

const rowTexts = () => Array.from(ui.rows.querySelectorAll('.event-type'), (cell) => cell.textContent);
const waitFor = (assertion: () => void) => vi.waitFor(assertion, { timeout: 4000, interval: 20 });

beforeAll(async () => {
  server = await startDemoServer({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  await fetch(absolute('/demo-api/reset'), { method: 'POST' });
  window = new Window({ url: absolute('/demo/events.html') });
  doc = new window.DOMParser().parseFromString(PAGE_HTML, 'text/html') as unknown as Document;
  ui = findEventsPageElements(doc)!;
});

afterEach(async () => {
  stop?.();
  stop = undefined;
  await window.happyDOM.close();
});

describe('the events page feed', () => {
  it('finds its elements on the events page only', () => {
    expect(ui).not.toBeNull();
    const other = new window.DOMParser().parseFromString('<main><table><tbody id="events-rows"></tbody></table></main>', 'text/html');
    expect(findEventsPageElements(other as unknown as Document)).toBeNull();
  });

  it('shows what the endpoint received, newest first, then announces new arrivals', async () => {
    await sendEvents('page_viewed', 'product_viewed');
    stop = startEventsPage(doc, ui, fetchFrom(() => server.url), 20);
    await waitFor(() => expect(rowTexts()).toEqual(['page_viewed', 'product_viewed']));
    expect(ui.status.textContent).toBe('1 request received');
    expect(ui.empty.hidden).toBe(true);

    await sendEvents('chat_opened');
    await sendEvents('wheel_spun');
    await waitFor(() => expect(rowTexts()).toEqual(['wheel_spun', 'chat_opened', 'page_viewed', 'product_viewed']));
    expect(ui.status.textContent).toMatch(/^(1 new request, 3|2 new requests, 3) in total$/);
    expect(ui.rows.querySelectorAll('tr')).toHaveLength(3);
  });

  it('marks the customers the endpoint verified, and only those', async () => {
    await sendBatch(['page_viewed'], { customer: 'c-42', identity: await demoIdentity('c-42') });
    await sendBatch(['product_viewed'], { customer: 'c-42', identity: { customer: 'c-42', identityHash: (await demoIdentity('c-43')).identityHash } });
    await sendEvents('chat_opened');
    stop = startEventsPage(doc, ui, fetchFrom(() => server.url), 20);
    await waitFor(() => expect(rowTexts()).toEqual(['chat_opened', 'product_viewed', 'page_viewed']));
    const items = Array.from(ui.rows.querySelectorAll('li'));
    const marks = items.map((item) => [item.querySelector('.event-customer')?.textContent ?? null, item.querySelector('.event-verified')?.textContent ?? null]);
    expect(marks).toEqual([[null, null], ['customer c-42', null], ['customer c-42', 'verified']]);
  });

  it('resets the demo data from its button and starts over', async () => {
    await sendEvents('page_viewed');
    stop = startEventsPage(doc, ui, fetchFrom(() => server.url), 20);
    await waitFor(() => expect(rowTexts()).toEqual(['page_viewed']));

    ui.reset.click();
    await waitFor(() => expect(ui.status.textContent).toBe('Demo data reset. Waiting for new requests…'));
    expect(ui.rows.children).toHaveLength(0);
    expect(ui.empty.hidden).toBe(false);
    const log = (await (await fetch(absolute('/demo-api/requests?since=0'))).json()) as { requests: unknown[] };
    expect(log.requests).toEqual([]);

    await sendEvents('account_prompt_submitted');
    await waitFor(() => expect(rowTexts()).toEqual(['account_prompt_submitted']));
  });

  it('keeps the reset button focusable while it resets, and ignores clicks until it is done', async () => {
    let releaseReset: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (releaseReset = resolve));
    let resets = 0;
    const fetcher: typeof fetch = async (input, init) => {
      if (String(input) === '/demo-api/reset') {
        resets += 1;
        await held;
      }
      return fetch(new URL(String(input), server.url), init);
    };
    stop = startEventsPage(doc, ui, fetcher, 20);
    ui.reset.focus();
    expect(doc.activeElement).toBe(ui.reset);

    ui.reset.click();
    await waitFor(() => expect(resets).toBe(1));
    expect(ui.reset.getAttribute('aria-disabled')).toBe('true');
    expect(ui.reset.disabled).toBe(false);
    expect(doc.activeElement).toBe(ui.reset);
    ui.reset.click();

    releaseReset();
    await waitFor(() => expect(ui.status.textContent).toBe('Demo data reset. Waiting for new requests…'));
    expect(resets).toBe(1);
    expect(ui.reset.hasAttribute('aria-disabled')).toBe(false);
    expect(doc.activeElement).toBe(ui.reset);
  });

  it('notices a reset made elsewhere, even when the log has counted past where it was', async () => {
    await sendEvents('page_viewed');
    await sendEvents('product_viewed');
    stop = startEventsPage(doc, ui, fetchFrom(() => server.url), 20);
    await waitFor(() => expect(rowTexts()).toEqual(['product_viewed', 'page_viewed']));

    await fetch(absolute('/demo-api/reset'), { method: 'POST' });
    await sendEvents('chat_opened');
    await sendEvents('chat_message_sent');
    await sendEvents('coupon_copied');
    await waitFor(() => expect(rowTexts()).toEqual(['coupon_copied', 'chat_message_sent', 'chat_opened']));
  });

  it('says when the demo server does not answer, and recovers when it does', async () => {
    const down = await startDemoServer({ port: 0, host: '127.0.0.1' });
    const downUrl = down.url;
    await down.close();
    let origin = downUrl;
    stop = startEventsPage(doc, ui, fetchFrom(() => origin), 20);
    await waitFor(() => expect(ui.connection.hidden).toBe(false));
    expect(ui.connection.textContent).toBe('The demo server is not answering. Retrying every second…');

    await sendEvents('page_viewed');
    origin = server.url;
    await waitFor(() => expect(ui.connection.hidden).toBe(true));
    await waitFor(() => expect(rowTexts()).toEqual(['page_viewed']));
  });
});
