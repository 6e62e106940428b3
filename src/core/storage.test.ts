import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStorage, DATABASE_OPEN_TIMEOUT_MS } from './storage';

describe('storage', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('keeps values in its own IndexedDB database, never the default idb-keyval one', async () => {
    const storage = createStorage({ channelName: 'storage-test-a' });
    await storage.set('greeting', { text: 'hej' });
    const fresh = createStorage({ channelName: 'storage-test-b' });
    expect(await fresh.get('greeting')).toEqual({ text: 'hej' });
    const databases = await indexedDB.databases();
    expect(databases.map((database) => database.name)).toContain('regulars');
    expect(databases.map((database) => database.name)).not.toContain('keyval-store');
    await storage.wipe();
    expect(await fresh.get('greeting')).toBeUndefined();
  });

  it('updates atomically: concurrent updates from two instances all land', async () => {
    const a = createStorage({ channelName: 'storage-test-c' });
    const b = createStorage({ channelName: 'storage-test-d' });
    await a.del('counter');
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).update<number>('counter', (old) => (old ?? 0) + 1)));
    expect(await a.get('counter')).toBe(20);
  });

  it('falls back to memory when IndexedDB is missing', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const storage = createStorage({ channelName: 'storage-test-e' });
    await storage.set('a', 1);
    expect(await storage.update<number>('a', (old) => (old ?? 0) + 1)).toBe(2);
    expect(await storage.get('a')).toBe(2);
  });

  it('falls back to memory when IndexedDB throws (quota, private mode)', async () => {
    vi.stubGlobal('indexedDB', {
      open() {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    });
    const storage = createStorage({ channelName: 'storage-test-f' });
    await storage.set('list', [1]);
    await storage.update<number[]>('list', (old) => [...(old ?? []), 2]);
    expect(await storage.get('list')).toEqual([1, 2]);
  });

  it('falls back to memory when opening IndexedDB never settles', async () => {
    vi.useFakeTimers();
    // An open request that fires neither success nor error, as some browsers' IndexedDB has done.
    vi.stubGlobal('indexedDB', { open: () => ({}) });
    const storage = createStorage({ channelName: 'storage-test-hang' });
    const written = storage.set('shopper', 's-1');
    await vi.advanceTimersByTimeAsync(DATABASE_OPEN_TIMEOUT_MS);
    await written;
    // Memory serves from now on, without waiting again.
    expect(await storage.update<number>('visits', (old) => (old ?? 0) + 1)).toBe(1);
    expect(await storage.get('shopper')).toBe('s-1');
  });

  it('waits for a slow write once the database is open: only the open is timed', async () => {
    vi.useFakeTimers();
    // A database that opens and answers reads at once, and whose write transaction completes only when told.
    const writeDone: { oncomplete?: () => void } = {};
    const answer = <T,>(result: T) => {
      const request: { result: T; onsuccess?: () => void } = { result };
      setTimeout(() => request.onsuccess?.(), 0);
      return request;
    };
    const objectStore = { get: () => answer(undefined), put: () => ({}), transaction: writeDone };
    const database = { transaction: () => ({ objectStore: () => objectStore }) };
    vi.stubGlobal('indexedDB', { open: () => answer(database) });
    const storage = createStorage({ channelName: 'storage-test-slow' });
    const read = storage.get('shopper');
    await vi.advanceTimersByTimeAsync(1);
    expect(await read).toBeUndefined();

    let written = false;
    const write = storage.set('visit', { count: 2 }).then(() => (written = true));
    await vi.advanceTimersByTimeAsync(DATABASE_OPEN_TIMEOUT_MS * 2);
    // Still waiting for IndexedDB, not given up for memory: a busy phone keeps the shopper's data.
    expect(written).toBe(false);
    writeDone.oncomplete!();
    await write;
    expect(written).toBe(true);
  });

  it('tells subscribers in other tabs about a change', async () => {
    const writer = createStorage({ channelName: 'storage-test-sync' });
    const reader = createStorage({ channelName: 'storage-test-sync' });
    const changed = new Promise<void>((resolve) => reader.subscribe('viewed', resolve));
    await writer.set('viewed', ['a']);
    await changed;
    expect(await reader.get('viewed')).toEqual(['a']);
    writer.close();
    reader.close();
  });

  it('hears nothing while in the back/forward cache, and re-reads what it watches once shown again', async () => {
    const writer = createStorage({ channelName: 'storage-test-bfcache' });
    const cached = createStorage({ channelName: 'storage-test-bfcache' });
    const heard: string[] = [];
    cached.subscribe('viewed', () => void heard.push('viewed'));
    // happy-dom's PageTransitionEvent drops `persisted`: the event carries it as its own property instead.
    const persisted = (type: string) => Object.assign(new Event(type), { persisted: true });
    dispatchEvent(persisted('pagehide'));
    // The next page writes: a frozen page that received this would be evicted from the cache.
    const other = createStorage({ channelName: 'storage-test-bfcache' });
    await other.set('viewed', ['b']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).toEqual([]);
    dispatchEvent(persisted('pageshow'));
    expect(heard).toEqual(['viewed']);
    // Listening again: a later change from another tab arrives as before.
    await writer.set('viewed', ['c']);
    await vi.waitFor(() => expect(heard).toEqual(['viewed', 'viewed']));
    for (const storage of [writer, cached, other]) storage.close();
  });
});
