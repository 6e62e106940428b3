import { describe, expect, it } from 'vitest';
import { baseUrl, newShopper, receivedEvents, setEndpointMode, storedEvents, useDemoBrowser, waitForEvents } from './harness';

const demo = useDemoBrowser();

const PAGES = ['/demo/products/linen-overshirt.html', '/demo/products/merino-crew.html', '/demo/products/canvas-weekender.html'];

describe('an endpoint outage', () => {
  it.each(['down', 'unavailable'] as const)('loses nothing and counts every event once when the endpoint is %s, then back', async (mode) => {
    await setEndpointMode(mode);
    const shopper = await newShopper(demo.browser);
    for (const path of PAGES) {
      await shopper.open(path);
      await shopper.page.waitForTimeout(700);
    }
    expect((await storedEvents()).length).toBe(0);

    await setEndpointMode('up');
    await shopper.open('/');
    const events = await waitForEvents(
      (received) =>
        received.filter((event) => event.type === 'page_viewed').length >= 4 && received.filter((event) => event.type === 'product_viewed').length >= 3,
      20_000,
    );
    const stored = await storedEvents();
    const views = (type: string) => stored.filter((event) => event.type === type);
    expect(views('page_viewed').map((event) => event.page.url)).toEqual([...PAGES, '/'].map((path) => baseUrl + path));
    expect(views('product_viewed')).toHaveLength(3);
    // Every id the endpoint ever received is stored once; repeats (a retry racing a keepalive send) were ignored.
    // Polled: a late batch may land between reading the store and reading the log.
    await expect
      .poll(async () => {
        const [log, kept] = [await receivedEvents(), await storedEvents()];
        return new Set(log.map((event) => event.id)).size === kept.length && kept.length === new Set(kept.map((event) => event.id)).size;
      })
      .toBe(true);
    expect(events.length).toBeGreaterThanOrEqual(stored.length);
    await shopper.close();
  });
});
