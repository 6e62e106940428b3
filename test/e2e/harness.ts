/**
 * Helpers for end-to-end tests: real headless Chromium (Debian's) against the demo store and
 * the reference endpoint started by global-setup.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, inject } from 'vitest';
import type { ReceivedRequest as LoggedRequest } from '../../demo/server/request-log';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';

/** Origin of the demo store for this run. */
export const baseUrl = inject('baseUrl');

/** Starts Debian's Chromium (the test tool never downloads a browser of its own). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Starts Chromium for a test file; before each test, closes the shoppers a test put in `.shoppers`
 * and resets the demo endpoint. Read `.browser` inside tests.
 */
export function useDemoBrowser(): { readonly browser: Browser; readonly shoppers: Shopper[] } {
  const state = { shoppers: [] } as unknown as { browser: Browser; shoppers: Shopper[] };
  beforeAll(async () => {
    state.browser = await launchBrowser();
  });
  afterAll(async () => {
    await state.browser?.close();
  });
  beforeEach(async () => {
    await Promise.all(state.shoppers.splice(0).map((shopper) => shopper.close()));
    await resetDemo();
  });
  return state;
}

/** One shopper: a fresh browser context (own IndexedDB) and what their pages reported. */
export interface Shopper {
  context: BrowserContext;
  page: Page;
  /** Console warnings and errors, uncaught page errors, and CSP violations, across all pages. */
  problems: string[];
  /** `[regulars]` console warnings. */
  warnings: string[];
  /** Opens a demo path in this shopper's page and waits until the bundle is ready (`regulars:ready`). */
  open(path: string, options?: { waitForReady?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** Watches a page for console problems, page errors and CSP violations. */
export function watchProblems(page: Page, problems: string[], warnings: string[]): void {
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('[regulars]')) warnings.push(text);
    if (message.type() === 'error' || (message.type() === 'warning' && !text.startsWith('[regulars]'))) problems.push(`console ${message.type()}: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
}

/** Creates a shopper with a fresh context; default viewport is a phone. */
export async function newShopper(browser: Browser, options: BrowserContextOptions = {}): Promise<Shopper> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, ...options });
  const problems: string[] = [];
  const warnings: string[] = [];
  // Runs before any page script (through the DevTools protocol, so the page's CSP does not apply).
  await context.addInitScript(() => {
    addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
    addEventListener('regulars:ready', () => {
      (window as unknown as { __regularsReady: boolean }).__regularsReady = true;
    });
  });
  const page = await context.newPage();
  watchProblems(page, problems, warnings);
  return {
    context,
    page,
    problems,
    warnings,
    async open(path, { waitForReady = true } = {}) {
      await page.goto(baseUrl + path);
      if (waitForReady) await page.waitForFunction(() => (window as unknown as { __regularsReady?: boolean }).__regularsReady === true);
    },
    close: () => context.close(),
  };
}

/** A request the reference endpoint received, as the demo server logs it (answered, so with its status). */
export type ReceivedRequest = LoggedRequest & { status: number };

/** A tracked event as the endpoint received it. */
export interface ReceivedEvent {
  id: string;
  type: string;
  shopper: string;
  customer?: string;
  /** Set by the endpoint on the events it keeps that name a customer (see storedEvents). */
  customerVerified?: boolean;
  page: { url: string; title: string; referrer: string };
  product?: { id: string; name: string; url: string; price: number | null; currency: string | null; image: string | null; sku: string | null; availability: string | null };
  data?: Record<string, unknown>;
}

/** Every request the endpoint received since the last reset. */
export async function receivedRequests(): Promise<ReceivedRequest[]> {
  const response = await fetch(`${baseUrl}/demo-api/requests?since=0`);
  return ((await response.json()) as { requests: ReceivedRequest[] }).requests;
}

/** Every event the endpoint received (a repeat delivery of the same id shows twice here). */
export async function receivedEvents(): Promise<ReceivedEvent[]> {
  return (await receivedRequests())
    .filter((request) => request.method === 'POST' && request.path.endsWith('/events'))
    .flatMap((request) => (request.body as { events: ReceivedEvent[] }).events);
}

/** Polls the endpoint's log until `predicate` holds for the events received, or fails after `timeoutMs`. */
export async function waitForEvents(predicate: (events: ReceivedEvent[]) => boolean, timeoutMs = 10_000): Promise<ReceivedEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = await receivedEvents();
    if (predicate(events)) return events;
    if (Date.now() > deadline) throw new Error(`events never matched; received: ${JSON.stringify(events.map((event) => event.type))}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Clears the endpoint's store and request log and brings it back up. */
export async function resetDemo(): Promise<void> {
  await fetch(`${baseUrl}/demo-api/reset`, { method: 'POST' });
  await setEndpointMode('up');
}

/** Makes the reference endpoint answer normally, drop connections, answer 503, stall, or answer garbage. */
export async function setEndpointMode(mode: 'up' | 'down' | 'unavailable' | 'slow' | 'garbage'): Promise<void> {
  await fetch(`${baseUrl}/demo-api/endpoint-mode`, { method: 'POST', body: JSON.stringify({ mode }), headers: { 'Content-Type': 'application/json' } });
}

/** Changes a demo product's live price or stock, as the shop's back office would. */
export async function patchCatalog(patch: { id: string; price?: number; stock?: number }): Promise<void> {
  await fetch(`${baseUrl}/demo-api/catalog`, { method: 'POST', body: JSON.stringify(patch), headers: { 'Content-Type': 'application/json' } });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.1 A/AA rules) on the page, shadow roots included, and returns its violations. */
export async function axeViolations(page: Page, include?: string): Promise<{ id: string; help: string; nodes: string[] }[]> {
  // Evaluated through the DevTools protocol, so the page's strict CSP does not block the audit script.
  await page.evaluate(axeSource);
  return page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(selector ? { include: [selector] } : document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => ({ id: violation.id, help: violation.help, nodes: violation.nodes.map((node) => JSON.stringify(node.target)) }));
  }, include);
}

/** The events the endpoint kept (each id once), oldest first. */
export async function storedEvents(): Promise<ReceivedEvent[]> {
  const response = await fetch(`${baseUrl}/demo-api/events`);
  return ((await response.json()) as { events: ReceivedEvent[] }).events;
}

/** Reads what the bundle keeps under `key` in the shopper's IndexedDB (undefined when nothing is). */
export function storedValue<T>(page: Page, key: string): Promise<T | undefined> {
  return page.evaluate(
    (wanted) =>
      new Promise<T | undefined>((resolve, reject) => {
        const open = indexedDB.open('regulars');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const database = open.result;
          if (!database.objectStoreNames.contains('kv')) {
            database.close();
            return resolve(undefined);
          }
          const read = database.transaction('kv').objectStore('kv').get(wanted);
          read.onsuccess = () => {
            database.close();
            resolve(read.result as T | undefined);
          };
        };
      }),
    key,
  );
}

/** A free-shipping coupon as the wheel keeps it after a win (a week left), with the longest code the demo endpoint gives. */
export const WON_COUPON = { label: 'Free shipping', code: 'SHIPFREE-7KQ2MXW9PA', segment: 'free-shipping', expiresAt: Date.now() + 7 * 86_400_000 };

/** Writes `entries` into the bundle's IndexedDB, as earlier pages would have (open a page of the store first). */
export function storeValues(page: Page, entries: Record<string, unknown>): Promise<void> {
  return page.evaluate(
    (wanted) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('regulars');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const write = open.result.transaction('kv', 'readwrite');
          for (const [key, value] of Object.entries(wanted)) write.objectStore('kv').put(value, key);
          write.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      }),
    entries,
  );
}

/** Every key the bundle keeps in the shopper's IndexedDB. */
export async function storedKeys(page: Page): Promise<string[]> {
  return ((await page.evaluate(
    () =>
      new Promise<IDBValidKey[]>((resolve, reject) => {
        const open = indexedDB.open('regulars');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('kv').objectStore('kv').getAllKeys();
          read.onsuccess = () => {
            open.result.close();
            resolve(read.result);
          };
        };
      }),
  )) ?? []).map(String);
}

/**
 * Checks a widget's scroll lock: a wheel turn at `at` leaves the page where it is while the widget is
 * open; after `close()`, the page's own inline overflow on <html> is back and the page scrolls again.
 * Call it with the widget open.
 */
export async function expectPageScrollLocked(page: Page, at: { x: number; y: number }, close: () => Promise<void>): Promise<void> {
  const before = await page.evaluate(() => scrollY);
  await page.mouse.move(at.x, at.y);
  await page.mouse.wheel(0, 600);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => scrollY)).toBe(before);
  await close();
  await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('style'))).toBe('overflow-y: scroll;');
  await page.mouse.wheel(0, 200);
  await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(before);
}

/**
 * Whether `locator` keeps a visible edge in forced colours (emulated with `emulateMedia({ forcedColors: 'active' })`),
 * which paint no background: a border, transparent until then, that the mode draws in a system colour.
 */
export function keepsEdgeInForcedColors(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return style.borderBottomStyle !== 'none' && parseFloat(style.borderBottomWidth) >= 1 && style.borderBottomColor !== 'rgba(0, 0, 0, 0)';
  });
}
