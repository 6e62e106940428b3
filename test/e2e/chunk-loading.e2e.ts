import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newShopper, useDemoBrowser, type Shopper } from './harness';

const demo = useDemoBrowser();

/** The bundle's chunk requests of a shopper's page, by file name without the hash (`ui`, `host`, `chat`…). */
function watchChunks(shopper: Shopper): { names: () => string[]; requested: Request[] } {
  const requested: Request[] = [];
  shopper.page.on('request', (request) => {
    if (request.url().includes('/dist/chunks/')) requested.push(request);
  });
  return { requested, names: () => requested.map((request) => request.url().replace(/^.*\/chunks\/(.+)-[\w-]{8}\.js$/, '$1')) };
}

/** A shopper whose store pages enable only `widgets`. */
async function shopperWith(widgets: string): Promise<Shopper> {
  const shopper = await newShopper(demo.browser);
  await shopper.context.route((url) => url.pathname === '/' || url.pathname.endsWith('.html'), async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/data-widgets="[^"]*"/, `data-widgets="${widgets}"`);
    await route.fulfill({ response, body: html });
  });
  demo.shoppers.push(shopper);
  return shopper;
}

describe('chunk loading in Chromium', () => {
  it('loads the widget host on idle but not Preact when no widget shows on the page', async () => {
    const shopper = await shopperWith('account-prompt,loyalty-wheel');
    const chunks = watchChunks(shopper);
    // The first page of a visit: neither modal widget may open here.
    await shopper.open('/');
    await shopper.page.waitForTimeout(500);
    expect(chunks.names()).toContain('host');
    expect(chunks.names()).not.toContain('ui');
    expect(chunks.names()).not.toContain('loyalty-wheel');
    expect(shopper.problems).toEqual([]);
  });

  it('asks for a widget and the shared UI chunk at once, not one after the other', async () => {
    const shopper = await shopperWith('chat');
    const chunks = watchChunks(shopper);
    let chatArrived = false;
    let uiAskedBeforeChatArrived: boolean | null = null;
    // Hold the chat chunk back: in a waterfall the UI chunk could only be asked for after it arrived.
    await shopper.context.route('**/dist/chunks/chat-*.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      chatArrived = true;
      await route.continue();
    });
    shopper.page.on('request', (request) => {
      if (/\/chunks\/ui-/.test(request.url())) uiAskedBeforeChatArrived ??= !chatArrived;
    });
    await shopper.open('/');
    await shopper.page.locator('regulars-chat').getByRole('button', { name: /^Chat with us/ }).waitFor();
    expect(uiAskedBeforeChatArrived).toBe(true);
    expect(chunks.names().filter((name) => name === 'ui')).toHaveLength(1);
    expect(shopper.problems).toEqual([]);
  });
});
