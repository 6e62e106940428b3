import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../demo/catalog';
import { axeViolations, newShopper, useDemoBrowser } from './harness';

const demo = useDemoBrowser();

/** Every page a developer previewing the demo store sees, besides the configurator (its own test audits it). */
const PAGES = ['/', '/demo/category.html', '/demo/events.html', '/demo/inbox.html', ...DEMO_PRODUCTS.map((product) => product.path)];

describe('the demo store in Chromium', () => {
  it('has no axe-core violation on any page, widgets included, and no console problem', async () => {
    const shopper = await newShopper(demo.browser);
    demo.shoppers.push(shopper);
    const found: Record<string, unknown[]> = {};
    for (const path of PAGES) {
      // The store pages carry the snippet; the events and inbox pages do not.
      await shopper.open(path, { waitForReady: !/events|inbox/.test(path) });
      await shopper.page.waitForTimeout(300);
      const violations = await axeViolations(shopper.page);
      if (violations.length) found[path] = violations;
    }
    expect(found).toEqual({});
    expect(shopper.problems).toEqual([]);
  });
});
