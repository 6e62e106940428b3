import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveCoreConfig } from '../../core/config';
import { recordView } from '../../core/history';
import { withTexts } from '../../core/messages';
import { createStorage, type RuntimeStorage } from '../../core/storage';
import type { Product } from '../../types';
import { startWidgetHost, type WidgetHostApi } from './index';

const SHOP = 'https://shop.example';
const RETENTION_MS = 30 * 86_400_000;

function product(id: string, name: string): Product {
  return { id, name, url: `${SHOP}/products/${id}`, image: null, price: 10, currency: 'EUR', sku: id, availability: 'in_stock' };
}

const linen = product('rg-1001', 'Linen Overshirt');
const merino = product('rg-1002', 'Merino Crew Sweater');

let storage: RuntimeStorage;
let host: WidgetHostApi | null = null;
let databaseCounter = 0;
let pageProduct: Product | null = null;
const warnings: string[] = [];

async function startHost(...viewed: Product[]): Promise<WidgetHostApi> {
  storage = createStorage({ channelName: `host-test-${++databaseCounter}` });
  await storage.wipe();
  let at = Date.now() - viewed.length * 1000;
  for (const item of viewed) await recordView(storage, item, (at += 1000), RETENTION_MS);
  host = startWidgetHost({
    core: resolveCoreConfig({ widgets: ['recently-viewed'] }, location.href),
    pageLanguage: 'en',
    storage,
    identity: () => ({ shopper: 'shopper-test-1' }),
    visit: () => ({ count: 1, pages: 2, productViews: 2, landedFromSearch: false, firstPage: false, startedAt: Date.now() }),
    pageProduct: () => pageProduct,
    track: () => undefined,
    emit: () => undefined,
    warn: withTexts((field, problem, fix) => void warnings.push(`${field}: ${problem}. ${fix}`)),
  });
  return host;
}

function addSlot(): HTMLElement {
  const slot = document.createElement('div');
  slot.setAttribute('data-regulars-slot', 'recently-viewed');
  document.body.append(slot);
  return slot;
}

/** The product names on the strip, once it shows a list. */
function stripNames(): string[] {
  const root = document.querySelector('regulars-recently-viewed')?.shadowRoot;
  return [...(root?.querySelectorAll('.name') ?? [])].map((name) => name.textContent ?? '');
}

beforeEach(() => {
  document.body.replaceChildren();
  pageProduct = null;
  warnings.length = 0;
});

afterEach(() => {
  host?.destroy();
  host = null;
  vi.restoreAllMocks();
});

describe('widget host: the recently-viewed slot', () => {
  it('fills a slot the page adds after load (Ecwid Instant Site), then stops watching', async () => {
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    await startHost(linen, merino);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(document.querySelector('regulars-recently-viewed')).toBeNull();
    addSlot();
    await vi.waitFor(() => expect(stripNames()).toEqual(['Merino Crew Sweater', 'Linen Overshirt']), { timeout: 3000 });
    expect(disconnect).toHaveBeenCalled();
    expect(warnings).toEqual([]);
  });

  it('stops watching for a late slot when destroyed', async () => {
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    const api = await startHost(linen);
    expect(observe).toHaveBeenCalledWith(document.documentElement, expect.objectContaining({ childList: true, subtree: true }));
    api.destroy();
    expect(disconnect).toHaveBeenCalled();
    addSlot();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(document.querySelector('regulars-recently-viewed')).toBeNull();
  });

  it('makes the mounted strip follow the page after a single-page navigation', async () => {
    addSlot();
    pageProduct = merino;
    const api = await startHost(linen, merino);
    await vi.waitFor(() => expect(stripNames()).toEqual(['Linen Overshirt']), { timeout: 3000 });
    // A product page to a listing: the runtime clears the page's product, then refreshes the widgets.
    pageProduct = null;
    api.refresh();
    await vi.waitFor(() => expect(stripNames()).toEqual(['Merino Crew Sweater', 'Linen Overshirt']), { timeout: 3000 });
  });
});
