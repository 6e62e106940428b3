import { describe, expect, it } from 'vitest';
import type { ViewedProduct } from '../types';
import { HISTORY_KEY, readHistory } from './history';
import { createStorage } from './storage';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 25);

const viewed = (id: string, daysAgo: number): ViewedProduct => ({
  id,
  name: id,
  url: `https://shop.example/products/${id}`,
  image: null,
  price: 10,
  currency: 'EUR',
  sku: null,
  availability: null,
  viewedAt: NOW - daysAgo * DAY,
});

describe('readHistory', () => {
  it('deletes products older than the retention from the device, not only from what it returns', async () => {
    const storage = createStorage({ channelName: 'history-test' });
    await storage.set(HISTORY_KEY, [viewed('fresh', 2), viewed('stale', 40)]);
    expect((await readHistory(storage, NOW, 30 * DAY)).map((item) => item.id)).toEqual(['fresh']);
    await expect.poll(async () => (await storage.get<ViewedProduct[]>(HISTORY_KEY))?.map((item) => item.id)).toEqual(['fresh']);
    await storage.wipe();
    storage.close();
  });
});
