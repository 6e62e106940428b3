/**
 * In-process news of stored chat messages: the routes that save a message notify it, open
 * `GET /chat/stream` answers listen for their conversation, and a graceful shutdown ends them all.
 * Messages saved by another endpoint process (on the same PostgreSQL) are not news here; each
 * stream also re-checks the store now and then to catch those.
 */

/** News of stored messages per conversation, and the end of every stream on shutdown. */
export interface ChatFeed {
  /** Tells the streams of `conversation` that a message was stored. */
  notify(conversation: string): void;
  /** Calls `listener` on news of `conversation`; returns the unsubscribe function. */
  subscribe(conversation: string, listener: () => void): () => void;
  /** Aborts once the feed is closed: every stream ends, and a new one ends at once. */
  closed: AbortSignal;
  /** Ends every open stream (graceful shutdown must not wait for long-lived answers). */
  close(): void;
}

/** Creates an open feed with no listeners. */
export function createChatFeed(): ChatFeed {
  const listeners = new Map<string, Set<() => void>>();
  const shutdown = new AbortController();
  return {
    notify(conversation) {
      for (const listener of [...(listeners.get(conversation) ?? [])]) listener();
    },
    subscribe(conversation, listener) {
      const group = listeners.get(conversation) ?? new Set();
      listeners.set(conversation, group.add(listener));
      return () => {
        group.delete(listener);
        // Only an empty group still in the map goes: a stale unsubscribe must not drop a newer group.
        if (group.size === 0 && listeners.get(conversation) === group) listeners.delete(conversation);
      };
    },
    closed: shutdown.signal,
    close: () => shutdown.abort(),
  };
}
