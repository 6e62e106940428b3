import { clear, createStore, del, get, set, update, type UseStore } from 'idb-keyval';
import type { KeyValueStore } from '../types';

/** The IndexedDB database and object store that hold everything Regulars keeps. */
export const DATABASE_NAME = 'regulars';

/**
 * How long the page's first IndexedDB operation, which opens the database, may take before the page keeps to memory:
 * browsers have shipped opens that never settle, and those would hold back tracking and every widget for good. Only the
 * open is timed, and generously: a slow but working database (a busy phone) must keep the shopper's id and history,
 * which a switch to memory would lose for this page.
 */
export const DATABASE_OPEN_TIMEOUT_MS = 10_000;

/** The runtime's storage: the widgets' interface plus wiping. */
export interface RuntimeStorage extends KeyValueStore {
  /** Deletes every key, in memory and in IndexedDB. */
  wipe(): Promise<void>;
  /** Stops cross-tab sync. */
  close(): void;
}

/**
 * Creates the bundle's storage: its own idb-keyval store (never the default one), with a memory
 * copy that serves when IndexedDB is missing, throws (private modes, blocked storage), never opens or is full.
 * Other tabs hear of changes through BroadcastChannel. The runtime creates it only once the
 * shopper may be tracked, so nothing is written before consent.
 */
export function createStorage(options: { memoryOnly?: boolean; channelName?: string } = {}): RuntimeStorage {
  // Every write lands here too, so a switch to memory mid-page keeps what this tab knew.
  const memory = new Map<string, unknown>();
  const listeners = new Map<string, Set<() => void>>();
  let idb: UseStore | null = null;
  let persisting = !options.memoryOnly;
  let opened = false;
  let channel: BroadcastChannel | null = null;
  let closed = false;

  function listen(): void {
    try {
      channel = new BroadcastChannel(options.channelName ?? DATABASE_NAME);
      channel.onmessage = (message: MessageEvent<{ key?: unknown }>) => {
        const key = message.data?.key;
        if (typeof key === 'string') notify(key);
      };
    } catch {
      channel = null;
    }
  }
  listen();

  // A page kept in the back/forward cache must hold no open channel: the next page's first write would reach it and
  // the browser would evict it, so Back would load it afresh. Shown again, it listens again and re-reads every key
  // it watches, since other tabs may have written meanwhile.
  const onPageHide = (event: PageTransitionEvent) => {
    if (!event.persisted) return;
    channel?.close();
    channel = null;
  };
  const onPageShow = (event: PageTransitionEvent) => {
    if (!event.persisted || closed || channel) return;
    listen();
    for (const key of [...listeners.keys()]) notify(key);
  };
  addEventListener('pagehide', onPageHide);
  addEventListener('pageshow', onPageShow);

  function notify(key: string): void {
    for (const listener of [...(listeners.get(key) ?? [])]) {
      try {
        listener();
      } catch {
        // A widget's listener must not stop the others.
      }
    }
  }

  function announce(key: string): void {
    notify(key);
    try {
      channel?.postMessage({ key });
    } catch {
      // A closed channel only costs cross-tab freshness.
    }
  }

  function database(): UseStore | null {
    if (!persisting) return null;
    if (!idb) {
      try {
        if (typeof indexedDB === 'undefined') throw new Error('no IndexedDB');
        idb = createStore(DATABASE_NAME, 'kv');
      } catch {
        persisting = false;
        return null;
      }
    }
    return idb;
  }

  /** Runs an IndexedDB operation; on any failure, or an open that hangs, falls back to memory for the rest of the page. */
  async function withDatabase<T>(operation: (store: UseStore) => Promise<T>, fallback: () => T): Promise<T> {
    const store = database();
    if (store) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const pending = operation(store);
        const result = await (opened ? pending : Promise.race([pending, new Promise<never>((_, reject) => (timer = setTimeout(reject, DATABASE_OPEN_TIMEOUT_MS)))]));
        opened = true;
        return result;
      } catch {
        persisting = false;
      } finally {
        clearTimeout(timer);
      }
    }
    return fallback();
  }

  return {
    async get<T>(key: string) {
      // IndexedDB first: another tab may have written since this tab's memory copy.
      return withDatabase(
        (store) => get<T>(key, store),
        () => memory.get(key) as T | undefined,
      );
    },
    async set(key, value) {
      memory.set(key, value);
      await withDatabase(
        (store) => set(key, value, store),
        () => undefined,
      );
      announce(key);
    },
    async update<T>(key: string, updater: (old: T | undefined) => T) {
      let next: T | undefined;
      await withDatabase(
        (store) =>
          update<T>(
            key,
            (old) => {
              next = updater(old);
              return next;
            },
            store,
          ),
        () => {
          next = updater(memory.get(key) as T | undefined);
        },
      );
      memory.set(key, next);
      announce(key);
      return next as T;
    },
    async del(key) {
      memory.delete(key);
      await withDatabase(
        (store) => del(key, store),
        () => undefined,
      );
      announce(key);
    },
    subscribe(key, listener) {
      let set = listeners.get(key);
      if (!set) listeners.set(key, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    async wipe() {
      const keys = [...memory.keys()];
      memory.clear();
      const wasPersisting = persisting;
      persisting = true;
      await withDatabase(
        (store) => clear(store),
        () => undefined,
      );
      persisting = wasPersisting;
      for (const key of keys) announce(key);
    },
    close() {
      closed = true;
      removeEventListener('pagehide', onPageHide);
      removeEventListener('pageshow', onPageShow);
      channel?.close();
      channel = null;
    },
  };
}
