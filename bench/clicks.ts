/**
 * Click-to-open times in headless Chromium (playwright-core): from the click on a launcher to the
 * first frame in which its panel or dialog is visible, measured inside the page, on a phone-sized
 * screen with Lighthouse's mobile figures applied through DevTools (4x CPU slowdown, 150 ms round
 * trips, 1.6 Mbps down). "Cold" is a first visit with an empty HTTP cache; "warm" is the same page
 * loaded again after one open, so every file it needs is in the HTTP cache (local data is cleared in
 * between, so it is again a shopper's first page).
 */
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

/** Whether the HTTP cache already holds the page's files. */
export type CacheState = 'cold' | 'warm';

/** Where the opened panel is: inside a custom element's open shadow root, or in the document. */
export interface OpenedElement {
  host: string | null;
  selector: string;
}

/** One thing to open: where, what to click, and what must appear. */
export interface OpenTarget {
  name: string;
  /** Path (and query) of the page on the bench server. */
  path: string;
  /** Runs once the page loaded, before the trigger is looked for (the wheel's button is added here). */
  prepare?: (page: Page) => Promise<void>;
  trigger: (page: Page) => Locator;
  opened: OpenedElement;
}

const MOBILE = {
  cpuSlowdown: 4,
  latencyMs: 150,
  downloadBytesPerSecond: (1.6 * 1024 * 1024) / 8,
  uploadBytesPerSecond: (750 * 1024) / 8,
};

/** Starts the Chromium the click measurements share (each measurement gets its own context). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

type ProbeWindow = Window & { __benchOpen?: Promise<number>; __benchReady?: boolean };

/**
 * The in-page probe, as source text: the TypeScript runner would wrap named functions in a helper
 * the page does not have. Given `{ host, selector }`, it sets `__benchOpen` to a promise of the ms
 * from the next click to the first animation frame in which the element is shown.
 */
const PROBE = `({ host, selector }) => {
  window.__benchOpen = new Promise((resolve, reject) => {
    let clickedAt = null;
    addEventListener('click', (event) => { if (clickedAt === null) clickedAt = event.timeStamp; }, { capture: true });
    function find() {
      return host ? document.querySelector(host)?.shadowRoot?.querySelector(selector) : document.querySelector(selector);
    }
    function shown() {
      const element = find();
      if (!element || !element.checkVisibility({ visibilityProperty: true })) return false;
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    }
    const timer = setTimeout(() => reject(new Error(host + ' ' + selector + ' did not appear within 20 s of the click')), 20000);
    function frame() {
      if (clickedAt !== null && shown()) {
        clearTimeout(timer);
        resolve(performance.now() - clickedAt);
      } else requestAnimationFrame(frame);
    }
    requestAnimationFrame(frame);
  });
}`;

/** Arms the in-page probe for `opened`. */
async function armProbe(page: Page, opened: OpenedElement): Promise<void> {
  await page.evaluate(`(${PROBE})(${JSON.stringify(opened)})`);
}

/** Measures one click-to-open of `target` on the bench server at `origin`, in a fresh browser context. */
export async function measureOpen(browser: Browser, origin: string, target: OpenTarget, cache: CacheState, timeoutMs = 60_000): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  let timer: NodeJS.Timeout | undefined;
  try {
    await context.addInitScript(() => {
      addEventListener('regulars:ready', () => ((window as ProbeWindow).__benchReady = true));
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: MOBILE.latencyMs,
      downloadThroughput: MOBILE.downloadBytesPerSecond,
      uploadThroughput: MOBILE.uploadBytesPerSecond,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpuSlowdown });
    const url = new URL(target.path, origin).href;

    const openOnce = async (): Promise<number> => {
      await page.goto(url, { waitUntil: 'load' });
      await target.prepare?.(page);
      const trigger = target.trigger(page);
      await trigger.waitFor({ state: 'visible', timeout: 30_000 });
      await armProbe(page, target.opened);
      await trigger.click();
      return page.evaluate(() => (window as ProbeWindow).__benchOpen!);
    };
    const measure = async (): Promise<number> => {
      if (cache === 'warm') {
        // A shopper who opened it on an earlier visit: every file it needs is in the HTTP cache.
        await openOnce();
        await page.goto('about:blank');
        await cdp.send('Storage.clearDataForOrigin', { origin: new URL(origin).origin, storageTypes: 'cookies,indexeddb,local_storage,websql' });
      }
      return openOnce();
    };
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`opening ${target.name} (${cache}) took longer than ${timeoutMs / 1000} s`)), timeoutMs);
    });
    return await Promise.race([measure(), timeout]);
  } finally {
    clearTimeout(timer);
    await context.close();
  }
}

/** The chat launcher of the demo page as shipped. */
export function chatTarget(path: string): OpenTarget {
  return {
    name: 'chat',
    path,
    trigger: (page) => page.locator('regulars-chat').getByRole('button', { name: /^Chat with us/ }),
    opened: { host: 'regulars-chat', selector: '[role="dialog"]' },
  };
}

/**
 * The loyalty wheel of the demo page as shipped, opened by a "Spin to win" button of the page's own
 * that calls `regulars('open', 'loyalty-wheel')` (on a first page the wheel waits for its trigger, so
 * this is how a shopper opens it at will). The button is added once Regulars is ready.
 */
export function wheelTarget(path: string): OpenTarget {
  return {
    name: 'wheel',
    path,
    async prepare(page) {
      await page.waitForFunction(() => (window as ProbeWindow).__benchReady === true, undefined, { timeout: 30_000 });
      // Added through DevTools, which the page's CSP does not govern (inline handlers are not allowed there).
      await page.evaluate(() => {
        const button = document.createElement('button');
        button.type = 'button';
        button.id = 'bench-open-wheel';
        button.textContent = 'Spin to win';
        button.addEventListener('click', () => window.regulars?.('open', 'loyalty-wheel'));
        document.querySelector('main')!.prepend(button);
      });
    },
    trigger: (page) => page.locator('#bench-open-wheel'),
    opened: { host: 'regulars-loyalty-wheel', selector: 'dialog' },
  };
}

/** The comparison wheel (bench/compare/spin-wheel-page.ts): its launcher and the drawn wheel in its dialog. */
export function spinWheelTarget(path: string): OpenTarget {
  return {
    name: 'spin-wheel',
    path,
    trigger: (page) => page.locator('button.bench-spin-wheel-launcher'),
    opened: { host: null, selector: 'dialog.bench-spin-wheel canvas' },
  };
}
