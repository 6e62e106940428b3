/**
 * The account prompt in real Chromium against the demo store and the reference endpoint: it
 * appears on the third product, a keyboard alone signs up, an endpoint outage loses nothing and
 * a retry succeeds once, dismissal leaves a teaser tab, identified shoppers never see it, and
 * axe-core finds nothing wrong with the open dialog.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../demo/catalog';
import { axeViolations, keepsEdgeInForcedColors, newShopper, receivedRequests, setEndpointMode, storedValue, storeValues, WON_COUPON, type Shopper, useDemoBrowser, waitForEvents } from './harness';

const [first, second, third, fourth] = DEMO_PRODUCTS.map((product) => product.path) as [string, string, string, string];

const demo = useDemoBrowser();
const { shoppers } = demo;

/**
 * A shopper on the demo store. Unless `allWidgets`, the store's pages are served without the
 * loyalty wheel (whose default trigger fires on the same third page), so each test sees the
 * account prompt alone; `config` is the merchant's JSON block.
 */
async function shopper(options: { config?: Record<string, unknown>; allWidgets?: boolean } = {}): Promise<Shopper> {
  const created = await newShopper(demo.browser);
  if (!options.allWidgets || options.config) {
    await created.context.route('**/*.html', async (route) => {
      const response = await route.fetch();
      const block = `<script type="application/json" data-regulars-config>${JSON.stringify(options.config ?? {})}</script>`;
      const html = (await response.text()).replace(',loyalty-wheel"', options.allWidgets ? ',loyalty-wheel"' : '"').replace('</head>', `${block}</head>`);
      await route.fulfill({ response, body: html });
    });
  }
  shoppers.push(created);
  return created;
}

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Create your free account' });
const teaser = (page: Page) => page.locator('regulars-account-prompt').getByRole('button', { name: 'Create an account' });

/** Whether `locator` has keyboard focus, looking through the shadow root it lives in. */
const focused = (locator: Locator) => locator.evaluate((element) => (element.getRootNode() as ShadowRoot | Document).activeElement === element);

/** The path of the newest product in the shopper's stored history, read straight from IndexedDB. */
async function newestStoredPath(page: Page): Promise<string | null> {
  const newest = (await storedValue<{ url: string }[]>(page, 'viewed'))?.[0];
  return newest ? new URL(newest.url).pathname : null;
}

/** Opens a product page and waits until the bundle stored the view, as a shopper who reads the page would. */
async function view(customer: Shopper, path: string): Promise<void> {
  await customer.open(path);
  await expect.poll(() => newestStoredPath(customer.page), { timeout: 10_000 }).toBe(path);
}

/** Opens the first three demo products; the prompt's default trigger fires on the third. */
async function browseThree(customer: Shopper): Promise<void> {
  await view(customer, first);
  await view(customer, second);
  // Two product views and a second page: nothing yet.
  await customer.page.waitForTimeout(300);
  expect(await dialog(customer.page).count()).toBe(0);
  await customer.open(third);
  await dialog(customer.page).waitFor({ timeout: 10_000 });
}

async function accountRequests(): Promise<{ body: unknown; contentType: string | null; status?: number }[]> {
  return (await receivedRequests()).filter((request) => request.method === 'POST' && request.path === '/accounts');
}

describe('account prompt in Chromium', () => {
  it('appears on the third product and signs the shopper up by keyboard alone', async () => {
    const customer = await shopper({ config: { accountPrompt: { loginUrl: '/account/login' } } });
    await browseThree(customer);
    const { page } = customer;
    await page.evaluate(() => {
      window.regulars!('on', 'account:created', (detail) => ((window as unknown as { __created: unknown }).__created = detail));
    });

    // Opened by a trigger, the dialog itself holds focus: Tab walks close button, email, name, consent, submit.
    expect(await focused(dialog(page))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused(page.getByRole('button', { name: 'Close' }))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused(page.getByRole('textbox', { name: 'Email' }))).toBe(true);
    await page.keyboard.type('ada@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ada Lovelace');
    await page.keyboard.press('Tab');
    const consent = page.getByRole('checkbox', { name: /offers and news/ });
    expect(await focused(consent)).toBe(true);
    expect(await consent.isChecked()).toBe(false);
    await page.keyboard.press('Tab');
    expect(await focused(page.getByRole('button', { name: 'Create account' }))).toBe(true);
    // The focus trap: Tab past the last control comes back to the first, never onto the page.
    await page.keyboard.press('Tab');
    expect(await focused(page.getByRole('button', { name: 'Close' }))).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');

    await page.getByText('Welcome! Your account is ready.').waitFor();
    const requests = await accountRequests();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.contentType).toMatch(/^text\/plain/);
    expect(requests[0]!.body).toEqual({
      shopper: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      consent: { marketing: false },
      source: 'account-prompt',
    });
    expect(await page.evaluate(() => (window as unknown as { __created: unknown }).__created)).toEqual({ status: 'created' });

    const done = page.getByRole('button', { name: 'Continue shopping' });
    expect(await focused(done)).toBe(true);
    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ state: 'detached' });
    await waitForEvents((events) =>
      ['widget_shown', 'account_prompt_submitted'].every((type) => events.some((event) => event.type === type && event.data?.widget === 'account-prompt')),
    );

    // Signed up: never again, not even as a tab.
    await customer.open(fourth);
    await page.waitForTimeout(500);
    expect(await page.locator('regulars-account-prompt').count()).toBe(0);
    expect(customer.problems).toEqual([]);
  });

  it('keeps the email through an endpoint outage and retries once the endpoint is back', async () => {
    const customer = await shopper();
    await browseThree(customer);
    const { page } = customer;
    const email = page.getByRole('textbox', { name: 'Email' });
    await setEndpointMode('down');
    await email.fill('grace@example.com');
    await email.press('Enter');

    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toBe('We could not reach the shop. Your details are still here: try again.');
    expect(await email.inputValue()).toBe('grace@example.com');
    expect(await accountRequests()).toEqual([]);

    await setEndpointMode('up');
    await page.getByRole('button', { name: 'Try again' }).press('Enter');
    await page.getByText('Welcome! Your account is ready.').waitFor();
    const requests = await accountRequests();
    expect(requests.map((request) => (request.body as { email: string }).email)).toEqual(['grace@example.com']);
  });

  it('waits out a 503 and its Retry-After, then the retry succeeds', async () => {
    const customer = await shopper();
    await browseThree(customer);
    const { page } = customer;
    await setEndpointMode('unavailable');
    const email = page.getByRole('textbox', { name: 'Email' });
    await email.fill('ken@example.com');
    await email.press('Enter');
    await page.getByText('Something went wrong on our side. Your details are still here: try again.').waitFor();
    expect(await email.inputValue()).toBe('ken@example.com');

    await setEndpointMode('up');
    const retry = page.getByRole('button', { name: 'Try again' });
    await expect.poll(() => retry.getAttribute('aria-disabled'), { timeout: 5_000 }).toBeNull();
    await retry.click();
    await page.getByText('Welcome! Your account is ready.').waitFor();
  });

  it('is clean under axe-core while open, with a field error, and as a teaser', async () => {
    const customer = await shopper();
    await browseThree(customer);
    const { page } = customer;
    expect(await axeViolations(page, 'regulars-account-prompt')).toEqual([]);
    // Forced colours paint no background: the dialog's buttons keep their edge.
    await page.emulateMedia({ forcedColors: 'active' });
    expect(await keepsEdgeInForcedColors(page.getByRole('button', { name: 'Create account' }))).toBe(true);
    await page.emulateMedia({ forcedColors: 'none' });

    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Enter your email address.').waitFor();
    expect(await focused(page.getByRole('textbox', { name: 'Email' }))).toBe(true);
    expect(await axeViolations(page, 'regulars-account-prompt')).toEqual([]);

    await page.keyboard.press('Escape');
    await teaser(page).waitFor();
    expect(await axeViolations(page, 'regulars-account-prompt')).toEqual([]);
    expect(await dialog(page).count()).toBe(0);
  });

  it('dismissed, it leaves a teaser tab on later pages that reopens it, and focus returns to the tab', async () => {
    const customer = await shopper();
    await browseThree(customer);
    const { page } = customer;
    const fontSize = await page.getByRole('textbox', { name: 'Email' }).evaluate((input) => parseFloat(getComputedStyle(input).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(16);
    await page.getByRole('textbox', { name: 'Email' }).fill('later@example.com');
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
    await waitForEvents((events) => events.some((event) => event.type === 'widget_dismissed' && event.data?.widget === 'account-prompt'));

    // The next product page: the tab, not the dialog again.
    await customer.open(fourth);
    await teaser(page).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(500);
    expect(await dialog(page).count()).toBe(0);

    await teaser(page).focus();
    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    expect(await focused(page.getByRole('textbox', { name: 'Email' }))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
    expect(await focused(teaser(page))).toBe(true);
  });

  it('keeps its tab clear of the chat launcher in either corner and of the wheel\'s code tab, on a phone and zoomed, and in forced colours', async () => {
    for (const position of ['left', 'right']) {
      const customer = await shopper({ allWidgets: true, config: { locale: 'sl', chat: { position } } });
      const { page } = customer;
      await customer.open('/demo/category.html');
      // Both tabs at once: the prompt was dismissed and the wheel was won on earlier pages.
      await storeValues(page, { pinned: ['account-prompt', 'loyalty-wheel'], 'loyalty-wheel:coupon': WON_COUPON });
      await customer.open('/demo/category.html');
      const parts = {
        launcher: page.locator('regulars-chat .launcher'),
        teaser: page.locator('regulars-account-prompt .teaser'),
        wheel: page.locator('regulars-loyalty-wheel .tab'),
      };
      await Promise.all(Object.values(parts).map((part) => part.waitFor({ timeout: 10_000 })));
      // A phone, the narrow phone of the report, and a 360px phone at 200% zoom.
      for (const viewport of [{ width: 390, height: 844 }, { width: 360, height: 740 }, { width: 180, height: 370 }]) {
        await page.setViewportSize(viewport);
        const boxes = await Promise.all(Object.values(parts).map(async (part) => (await part.boundingBox())!));
        for (const box of boxes) expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
        for (const [index, a] of boxes.entries()) {
          for (const b of boxes.slice(index + 1)) {
            const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
            expect(apart, `${position} launcher at ${viewport.width}x${viewport.height}: ${JSON.stringify([a, b])}`).toBe(true);
          }
        }
        // The code tab stays compact, and the code on one line: never broken inside.
        expect(boxes[2]!.height).toBeLessThanOrEqual(48);
        expect((await parts.wheel.locator('.tab-code').boundingBox())!.height).toBeLessThan(24);
      }
      // Forced colours paint no background: the tabs keep their edge.
      await page.emulateMedia({ forcedColors: 'active' });
      expect(await keepsEdgeInForcedColors(parts.teaser)).toBe(true);
      expect(await keepsEdgeInForcedColors(parts.wheel)).toBe(true);
      await customer.close();
    }
  });

  it('keeps its tab and the wheel\'s in the bottom rows when the chat is off, with no empty row below them', async () => {
    const customer = await shopper({ allWidgets: true, config: { widgets: ['account-prompt', 'loyalty-wheel'] } });
    const { page } = customer;
    await page.setViewportSize({ width: 390, height: 844 });
    await customer.open('/demo/category.html');
    await storeValues(page, { pinned: ['account-prompt', 'loyalty-wheel'], 'loyalty-wheel:coupon': WON_COUPON });
    await customer.open('/demo/category.html');
    const tab = page.locator('regulars-account-prompt .teaser');
    const wheelTab = page.locator('regulars-loyalty-wheel .tab');
    await Promise.all([tab.waitFor(), wheelTab.waitFor()]);
    const [low, high] = [(await tab.boundingBox())!, (await wheelTab.boundingBox())!];
    // 0.75rem from the bottom edge, and the wheel's tab one row above, not two.
    expect(844 - (low.y + low.height)).toBeCloseTo(12, 0);
    expect(low.y - (high.y + high.height)).toBeGreaterThanOrEqual(0);
    expect(low.y - (high.y + high.height)).toBeLessThanOrEqual(16);
  });

  it('never appears for a shopper the host page identified', async () => {
    const customer = await shopper();
    await view(customer, first);
    await customer.page.evaluate(() => window.regulars!('identify', { customer: 'customer-42' }));
    // identify is remembered asynchronously; a shopper clicking on at once would be a different test.
    const rememberedCustomer = async () => (await storedValue<{ customer?: string }>(customer.page, 'identity'))?.customer;
    await expect.poll(rememberedCustomer).toBe('customer-42');
    await view(customer, second);
    await view(customer, third);
    await waitForEvents((events) => events.filter((event) => event.type === 'product_viewed').length >= 3);
    await customer.page.waitForTimeout(800);
    expect(await customer.page.locator('regulars-account-prompt').count()).toBe(0);
  });

  it('never shares the screen with another modal widget on the full demo store', async () => {
    const customer = await shopper({ allWidgets: true });
    await view(customer, first);
    await view(customer, second);
    await customer.open(third);
    const { page } = customer;
    await page.waitForFunction(() => document.querySelector('regulars-account-prompt, regulars-loyalty-wheel') !== null, undefined, {
      timeout: 10_000,
      polling: 100,
    });
    await page.waitForTimeout(1500);
    const open = await page.evaluate(() =>
      [...document.querySelectorAll('regulars-account-prompt, regulars-loyalty-wheel')].flatMap((host) =>
        [...(host.shadowRoot?.querySelectorAll('dialog[open]') ?? [])].map(() => host.localName),
      ),
    );
    expect(open.length).toBeLessThanOrEqual(1);
    // When the prompt lost the screen to the other widget it waits as a tab instead.
    if (!open.includes('regulars-account-prompt') && (await page.locator('regulars-account-prompt').count()) > 0) {
      expect(await teaser(page).count()).toBe(1);
    }
  });
});
