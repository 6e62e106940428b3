import { describe, expect, it } from 'vitest';
import { baseUrl, newShopper, receivedEvents, setEndpointMode, storedEvents, storedValue, useDemoBrowser, type ReceivedEvent } from './harness';

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
    // Only this shopper's events count: a shopper closed by an earlier test may still deliver its last ones.
    const id = await storedValue<string>(shopper.page, 'shopper');
    const mine = (events: ReceivedEvent[]) => events.filter((event) => event.shopper === id);
    expect(mine(await storedEvents())).toEqual([]);

    await setEndpointMode('up');
    await shopper.open('/');
    const views = (events: ReceivedEvent[], type: string) => mine(events).filter((event) => event.type === type);
    await expect
      .poll(async () => {
        const stored = await storedEvents();
        return views(stored, 'page_viewed').length >= 4 && views(stored, 'product_viewed').length >= 3;
      }, { timeout: 20_000 })
      .toBe(true);
    const stored = await storedEvents();
    expect(views(stored, 'page_viewed').map((event) => event.page.url)).toEqual([...PAGES, '/'].map((path) => baseUrl + path));
    expect(views(stored, 'product_viewed').map((event) => event.product!.name)).toEqual(['Linen Overshirt', 'Merino Crew Sweater', 'Canvas Weekender Bag']);
    // Every id the endpoint ever received is stored once; repeats (a retry racing a keepalive send) were ignored.
    // Polled: a late batch may land between reading the store and reading the log.
    await expect
      .poll(async () => {
        const [log, kept] = [mine(await receivedEvents()), mine(await storedEvents())];
        return new Set(log.map((event) => event.id)).size === kept.length && kept.length === new Set(kept.map((event) => event.id)).size;
      })
      .toBe(true);
    await shopper.close();
  });
});
