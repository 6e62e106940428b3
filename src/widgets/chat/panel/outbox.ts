import type { KeyValueStore } from '../../../types';
import type { ChatMessage } from './conversation';

/** What the agent learns about the shopper with each message, captured when it was written. */
export interface ShopperContext {
  page: { url: string; title: string };
  products: { id: string; name: string; url: string; price: number | null; currency: string | null }[];
  visits: number;
  knownCustomer: boolean;
}

/** A message written by the shopper and not yet accepted by the endpoint. */
export interface OutboxItem {
  /** Client-generated and kept across retries: the endpoint's idempotency key. */
  id: string;
  text: string;
  email?: string;
  context: ShopperContext;
  /** Epoch milliseconds when the shopper wrote it. */
  at: number;
  /** Failed delivery tries so far. */
  attempts: number;
  /** Who wrote it when identified: it is delivered as them, and shown only to them. */
  customer?: string;
  identityHash?: string;
}

/** The most messages kept waiting; a shopper offline for long cannot grow storage without bound. */
export const OUTBOX_LIMIT = 50;

/** Reads the outbox as stored, dropping entries that are not outbox items. */
export function readOutbox(value: unknown): OutboxItem[] {
  return Array.isArray(value)
    ? value.filter((item): item is OutboxItem => typeof item?.id === 'string' && typeof item.text === 'string' && typeof item.at === 'number')
    : [];
}

/** Appends a message to the outbox under `key`; it is stored before any delivery is tried, so a reload cannot lose it. */
export function enqueue(storage: KeyValueStore, key: string, item: OutboxItem): Promise<OutboxItem[]> {
  return storage.update<OutboxItem[]>(key, (list) => [...readOutbox(list).filter((old) => old.id !== item.id), item].slice(-OUTBOX_LIMIT));
}

/** Removes a message from the outbox once the endpoint accepted (or refused) it. */
export function dequeue(storage: KeyValueStore, key: string, id: string): Promise<OutboxItem[]> {
  return storage.update<OutboxItem[]>(key, (list) => readOutbox(list).filter((item) => item.id !== id));
}

/** Counts a failed try of a message. */
export function countFailure(storage: KeyValueStore, key: string, id: string): Promise<OutboxItem[]> {
  return storage.update<OutboxItem[]>(key, (list) => readOutbox(list).map((item) => (item.id === id ? { ...item, attempts: item.attempts + 1 } : item)));
}

/** `customer`'s part of the outbox as messages to show: waiting before the first failed try, failed (will retry) after. */
export function pendingMessages(outbox: OutboxItem[], delivered: ChatMessage[], customer: string | undefined): ChatMessage[] {
  const known = new Set(delivered.map((message) => message.id));
  return outbox
    .filter((item) => !known.has(item.id) && item.customer === customer)
    .map((item) => ({ id: item.id, from: 'shopper', text: item.text, at: item.at, delivery: item.attempts > 0 ? 'failed' : 'waiting' }));
}
