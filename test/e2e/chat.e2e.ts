/**
 * The chat launcher in real Chromium against the demo store and the reference endpoint: a shopper
 * writes, the shop answers from the agent inbox page in a second browser, the shopper sees it (at
 * once, through the event stream, while the panel is open); a
 * message written while the endpoint is down waits (through a reload) and is stored exactly once
 * when it is back; the whole flow works by keyboard alone; on a phone the panel fills the screen;
 * axe-core finds nothing wrong with the open panel.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../demo/catalog';
import { axeViolations, baseUrl, expectPageScrollLocked, keepsEdgeInForcedColors, newShopper, receivedRequests, setEndpointMode, type Shopper, useDemoBrowser, waitForEvents } from './harness';

const [linen, merino] = DEMO_PRODUCTS as [(typeof DEMO_PRODUCTS)[number], (typeof DEMO_PRODUCTS)[number]];
const AGENT_TOKEN = 'demo-agent-token';

const demo = useDemoBrowser();
const people = demo.shoppers;

/** A shopper whose store pages mount the chat alone, so no triggered dialog covers it; `config` joins their JSON config block. */
async function shopper(options: Parameters<typeof newShopper>[1] = {}, config?: Record<string, unknown>): Promise<Shopper> {
  const created = await newShopper(demo.browser, options);
  await created.context.route('**/*.html', async (route) => {
    const response = await route.fetch();
    const block = config ? `<script type="application/json" data-regulars-config>${JSON.stringify(config)}</script></head>` : '</head>';
    const html = (await response.text()).replace(/data-widgets="[^"]*"/, 'data-widgets="chat"').replace('</head>', block);
    await route.fulfill({ response, body: html });
  });
  people.push(created);
  return created;
}

/** The shop's agent with the inbox page open on a desktop screen. */
async function agentInbox(): Promise<Page> {
  const agent = await newShopper(demo.browser, { viewport: { width: 1280, height: 900 } });
  people.push(agent);
  await agent.open('/demo/inbox.html', { waitForReady: false });
  await agent.page.getByText('You are online').waitFor();
  return agent.page;
}

const launcher = (page: Page) => page.locator('regulars-chat').getByRole('button', { name: /^Chat with us/ });
const panel = (page: Page) => page.getByRole('dialog', { name: 'Chat with us' });
const messageField = (page: Page) => panel(page).getByRole('textbox', { name: 'Your message' });
const bubble = (page: Page, text: string) => panel(page).locator('li', { hasText: text });
/** The delivery state under a shopper's message. */
const delivery = (page: Page, text: string) => bubble(page, text).locator('.delivery');

/** Whether `locator` has keyboard focus, looking through the shadow root it lives in. */
const focused = (locator: Locator) => locator.evaluate((element) => (element.getRootNode() as ShadowRoot | Document).activeElement === element);

/** The endpoint's stored conversations and messages, read through the agent routes. */
async function storedConversations(): Promise<{ id: string; email: string | null; messages: { id: string; from: string; text: string }[] }[]> {
  const headers = { authorization: `Bearer ${AGENT_TOKEN}` };
  const list = (await (await fetch(`${baseUrl}/regulars/agent/conversations`, { headers })).json()) as { conversations: { id: string; email: string | null }[] };
  return Promise.all(
    list.conversations.map(async (conversation) => {
      const detail = (await (await fetch(`${baseUrl}/regulars/agent/conversations/${conversation.id}`, { headers })).json()) as {
        messages: { id: string; from: string; text: string }[];
      };
      return { id: conversation.id, email: conversation.email, messages: detail.messages };
    }),
  );
}

describe('chat launcher in Chromium', () => {
  it('carries a message to the agent inbox and the agent\'s reply back to the shopper', async () => {
    const inbox = await agentInbox();
    const customer = await shopper();
    await customer.open(merino.path);
    await customer.open(linen.path);
    const { page } = customer;
    await launcher(page).click();
    await panel(page).getByText('We are online and usually reply within 5 minutes.').waitFor();
    await messageField(page).fill('Does the overshirt run large?');
    await messageField(page).press('Enter');
    await expect.poll(() => delivery(page, 'Does the overshirt run large?').textContent()).toBe('Sent');

    // The agent sees the conversation with its context, opens it and replies.
    const conversation = inbox.getByRole('button', { name: /Does the overshirt run large\?/ });
    await conversation.waitFor({ timeout: 10_000 });
    await conversation.click();
    const context = inbox.locator('.inbox__context');
    await expect.poll(() => context.textContent()).toContain('Linen Overshirt · Regulars Outfitters');
    expect(await context.textContent()).toContain('Merino Crew Sweater');
    await inbox.getByLabel('Reply').fill('It runs true to size. <b>Order your usual.</b>');
    await inbox.getByRole('button', { name: 'Send reply' }).click();
    await inbox.getByText('Sent.').waitFor();

    // The reply reaches the shopper (through the event stream), as text.
    const reply = bubble(page, 'It runs true to size. <b>Order your usual.</b>');
    await reply.waitFor({ timeout: 10_000 });
    expect(await reply.locator('b').count()).toBe(0);
    const events = await waitForEvents((received) => received.some((event) => event.type === 'chat_message_sent'));
    expect(events.map((event) => event.type)).toContain('chat_opened');
    expect(customer.problems).toEqual([]);
  });

  it('shows an agent reply through the event stream, not a poll, under the strict CSP', async () => {
    const inbox = await agentInbox();
    const customer = await shopper();
    await customer.open(linen.path);
    const { page } = customer;
    await launcher(page).click();
    await panel(page).getByText('We are online and usually reply within 5 minutes.').waitFor();
    await messageField(page).fill('Is the overshirt lined?');
    await messageField(page).press('Enter');
    await expect.poll(() => delivery(page, 'Is the overshirt lined?').textContent()).toBe('Sent');
    await expect.poll(async () => (await receivedRequests()).some((request) => request.method === 'GET' && request.path === '/chat/stream')).toBe(true);
    const [opened] = (await receivedRequests()).filter((request) => request.path === '/chat/stream');
    expect(opened).toMatchObject({ status: 200, query: { v: '1', conversation: expect.any(String), shopper: expect.any(String) } });

    // Quiet for a while: polling would have slowed down by now, the stream has not.
    await inbox.getByRole('button', { name: /Is the overshirt lined\?/ }).click();
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const seen = (await receivedRequests()).at(-1)!.seq;
    await inbox.getByLabel('Reply').fill('Yes, in cotton.');
    await inbox.getByRole('button', { name: 'Send reply' }).click();
    await bubble(page, 'Yes, in cotton.').waitFor({ timeout: 5000 });
    // No poll brought it: the panel asked for no messages since the quiet spell, so the stream did.
    const since = (await receivedRequests()).filter((request) => request.seq > seen);
    expect(since.filter((request) => request.method === 'GET' && request.path === '/chat/messages')).toEqual([]);
    expect(customer.problems).toEqual([]);
  });

  it('keeps a message written while the endpoint is down through a reload and stores it once when it is back', async () => {
    const customer = await shopper();
    const { page } = customer;
    await customer.open(linen.path);
    await setEndpointMode('down');
    await launcher(page).click();
    await panel(page).getByText(/We cannot reach the shop right now/).waitFor();
    await panel(page).getByLabel('Your email, so we can reply').fill('offline@example.com');
    await messageField(page).fill('Are you open on Sunday?');
    await messageField(page).press('Enter');
    const state = () => delivery(page, 'Are you open on Sunday?').textContent();
    await expect.poll(state).toMatch(/^(Waiting to send|Not sent yet, will retry)$/);

    await page.reload();
    await launcher(page).click();
    await expect.poll(state).toMatch(/^(Waiting to send|Not sent yet, will retry)$/);

    await setEndpointMode('up');
    await expect.poll(state, { timeout: 30_000 }).toBe('Sent');
    const conversations = await storedConversations();
    expect(conversations).toHaveLength(1);
    expect(conversations[0]!.email).toBe('offline@example.com');
    expect(conversations[0]!.messages.map((message) => [message.from, message.text])).toEqual([['shopper', 'Are you open on Sunday?']]);
  }, 60_000);

  it('works by keyboard alone: open, write, send, Tab stays inside, Escape returns to the launcher', async () => {
    await agentInbox();
    const customer = await shopper({ viewport: { width: 1280, height: 900 } });
    const { page } = customer;
    await customer.open(linen.path);
    // The launcher mounts on idle, after the bundle is ready; it is the page's last stop, so Shift+Tab from the top reaches it.
    await launcher(page).waitFor();
    await page.locator('body').focus();
    await page.keyboard.press('Shift+Tab');
    expect(await focused(launcher(page))).toBe(true);
    await page.keyboard.press('Enter');
    await panel(page).waitFor();
    await expect.poll(() => focused(messageField(page))).toBe(true);
    await page.keyboard.type('Hello from the keyboard');
    await page.keyboard.press('Enter');
    await expect.poll(() => delivery(page, 'Hello from the keyboard').textContent()).toBe('Sent');
    for (let step = 0; step < 12; step += 1) {
      await page.keyboard.press('Tab');
      const inside = await panel(page).evaluate((dialog) => dialog.contains((dialog.getRootNode() as ShadowRoot).activeElement));
      expect(inside).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => panel(page).count()).toBe(0);
    expect(await focused(launcher(page))).toBe(true);
  });

  it('fills a phone screen with a 16px field, keeps a long channel label inside, and axe-core finds no violation with the panel open', async () => {
    // A label with no space to wrap at (up to 80 characters are shown).
    const customer = await shopper({}, { chat: { channels: [{ kind: 'link', url: 'https://example.com/help', label: 'help'.repeat(20) }] } });
    const { page } = customer;
    await customer.open(linen.path);
    await launcher(page).click();
    // Nobody is in the inbox: the shop is away and the panel asks for an email.
    const email = panel(page).getByLabel('Your email, so we can reply');
    await email.waitFor();
    await messageField(page).fill('Checking the layout');
    await messageField(page).press('Enter');
    await panel(page).getByText('Enter an email address such as name@example.com.').waitFor();
    expect(await axeViolations(page, 'regulars-chat')).toEqual([]);
    // 16px or more, or iOS Safari zooms the page when a field takes focus.
    for (const field of [email, messageField(page)]) {
      expect(await field.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))).toBeGreaterThanOrEqual(16);
    }

    await email.fill('phone@example.com');
    await messageField(page).press('Enter');
    await expect.poll(() => delivery(page, 'Checking the layout').textContent()).toBe('Sent');
    const box = await panel(page).boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
    const links = await panel(page).getByRole('link').evaluateAll((anchors) => anchors.map((anchor) => anchor.getBoundingClientRect().right));
    expect(links.length).toBeGreaterThan(1);
    for (const right of links) expect(right).toBeLessThanOrEqual(390);
    // The email is asked once.
    expect(await email.count()).toBe(0);
    // An on-screen keyboard shrinks the visual viewport: the panel follows it, so the field stays above the keyboard.
    await page.setViewportSize({ width: 390, height: 480 });
    await expect.poll(async () => (await panel(page).boundingBox())?.height).toBe(480);
    const field = await messageField(page).boundingBox();
    expect(field!.y + field!.height).toBeLessThanOrEqual(480);
    expect(await axeViolations(page, 'regulars-chat')).toEqual([]);
  });

  it('keeps the conversation in sight on short screens and clear of the safe areas, and shows its shapes in forced colours', async () => {
    const customer = await shopper();
    const { page } = customer;
    // A notched phone (viewport-fit=cover): the launcher and the full-screen panel stay inside the safe area.
    const cdp = await customer.context.newCDPSession(page);
    await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets: { top: 47, right: 20, bottom: 34, left: 0 } });
    await customer.open(linen.path);
    expect(await launcher(page).boundingBox()).toMatchObject({ x: 390 - 20 - 56, y: 844 - 34 - 56 });
    await launcher(page).click();
    expect((await panel(page).getByRole('heading').boundingBox())!.y).toBeGreaterThanOrEqual(47);
    await page.keyboard.press('Escape');
    await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets: {} });

    // A phone on its side, then a 360px phone at 200% zoom: however tall the header, form and channels,
    // the conversation keeps room for a few messages (the panel scrolls as a whole), and the sent message shows.
    for (const viewport of [{ width: 844, height: 390 }, { width: 180, height: 370 }]) {
      await page.setViewportSize(viewport);
      if (!(await panel(page).isVisible())) {
        await launcher(page).click();
        // Opened on a short screen: the whole form, Send included, is in sight.
        const [send, frame] = await Promise.all([panel(page).getByRole('button', { name: 'Send' }), panel(page)].map((part) => part.boundingBox()));
        expect(send!.y + send!.height).toBeLessThanOrEqual(frame!.y + frame!.height + 0.5);
      }
      const text = `Sent at ${viewport.width}px`;
      if (await panel(page).getByLabel('Your email, so we can reply').count()) await panel(page).getByLabel('Your email, so we can reply').fill('short@example.com');
      await messageField(page).fill(text);
      await messageField(page).press('Enter');
      await bubble(page, text).waitFor();
      const layout = await panel(page).evaluate((dialog, wanted) => {
        const box = (element: Element) => element.getBoundingClientRect();
        const parts = [...dialog.children].filter((part) => getComputedStyle(part).position === 'static').map((part) => ({ top: box(part).top, bottom: box(part).bottom }));
        const last = [...dialog.querySelectorAll('.message')].find((item) => item.textContent!.includes(wanted))!;
        return { parts, list: box(dialog.querySelector('.messages')!).height, last: box(last), panel: box(dialog), scrolls: getComputedStyle(dialog).overflowY };
      }, text);
      expect(layout.list).toBeGreaterThanOrEqual(120);
      // Header, conversation, form and channels follow each other; none covers another.
      for (let index = 1; index < layout.parts.length; index += 1) expect(layout.parts[index]!.top).toBeGreaterThanOrEqual(layout.parts[index - 1]!.bottom - 0.5);
      expect(layout.last.top).toBeGreaterThanOrEqual(Math.max(0, layout.panel.top));
      expect(layout.last.bottom).toBeLessThanOrEqual(Math.min(viewport.height, layout.panel.bottom));
      expect(layout.scrolls).toBe('auto');
    }

    // A desktop panel that fits scrolls nowhere, however many messages it holds (the list scrolls, not the panel).
    await page.setViewportSize({ width: 1280, height: 800 });
    for (let count = 1; count <= 6; count += 1) {
      await messageField(page).fill(`Desktop message ${count}`);
      await messageField(page).press('Enter');
      await bubble(page, `Desktop message ${count}`).waitFor();
    }
    expect(await panel(page).evaluate((dialog) => dialog.scrollHeight - dialog.clientHeight)).toBeLessThanOrEqual(1);

    // Reading back up: a reply that arrives meanwhile does not pull the conversation down.
    const list = panel(page).locator('.messages');
    expect(await list.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true);
    await list.evaluate(async (element) => {
      element.scrollTop = 0;
      await new Promise((resolve) => element.addEventListener('scroll', resolve, { once: true }));
    });
    const mine = (await storedConversations()).find((conversation) => conversation.messages.some((message) => message.text === 'Desktop message 6'))!;
    await fetch(`${baseUrl}/regulars/agent/conversations/${mine.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${AGENT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'A reply while you read back' }),
    });
    await bubble(page, 'A reply while you read back').waitFor({ state: 'attached' });
    expect(await list.evaluate((element) => element.scrollTop)).toBe(0);

    await page.emulateMedia({ forcedColors: 'active' });
    for (const part of [launcher(page), panel(page), panel(page).locator('.head'), bubble(page, 'Sent at 180px').locator('.text'), panel(page).getByRole('button', { name: 'Send' })]) {
      expect(await keepsEdgeInForcedColors(part)).toBe(true);
    }
  });

  it('keeps the page behind the full-screen panel from scrolling on a phone, and lets it scroll again once closed', async () => {
    const customer = await shopper();
    const { page } = customer;
    await customer.open(linen.path);
    // A page with an inline overflow of its own, which the lock must give back as it was.
    await page.evaluate(() => {
      document.documentElement.style.overflowY = 'scroll';
      scrollTo(0, 300);
    });
    await launcher(page).click();
    await messageField(page).waitFor();
    // A swipe (here a wheel turn) over the panel's header, which is no scroll container.
    const head = await panel(page).locator('.head').boundingBox();
    await expectPageScrollLocked(page, { x: head!.x + 40, y: head!.y + head!.height / 2 }, () => page.keyboard.press('Escape'));
  });
});
