/**
 * The reference endpoint's state behind one narrow, async interface, so a SQL store can
 * replace the in-memory one. Every method that checks then writes does both atomically:
 * the memory store never awaits between them, and a SQL store uses a transaction or a unique key.
 * Times are epoch milliseconds.
 */
import type { RegularsEvent } from '../../src/types';

/** An event as received, with when it arrived. */
export interface StoredEvent extends RegularsEvent {
  receivedAt: number;
  /** Present with `customer`: true when the batch's identity hash proved that customer, false when it is only a claim. */
  customerVerified?: boolean;
}

/** A customer account created through the account prompt. */
export interface AccountRecord {
  /** Normalized (trimmed, lower case): the unique key. */
  email: string;
  name?: string;
  shopper: string;
  marketingConsent: boolean;
  source: string;
  /** False while the verification email is unanswered. */
  verified: boolean;
  createdAt: number;
}

/** A prize won on the wheel. */
export interface PrizeRecord {
  label: string;
  /** Unique across all spins. */
  code: string;
  expiresAt: number;
  redeemedAt?: number;
}

/** One spin of the loyalty wheel. */
export interface SpinRecord {
  shopper: string;
  /** Normalized email, when the shopper gave one. */
  email?: string;
  marketingConsent: boolean;
  segment: string;
  prize: PrizeRecord | null;
  at: number;
  /** The client's id for this spin attempt (random, unique across spins): a repeat of it is answered with this spin. */
  attempt?: string;
}

/** The outcome of `claimSpin`; `replayed` means the attempt was recorded before (`previous`) and nothing was written. */
export type SpinClaim =
  | { status: 'claimed' }
  | { status: 'already_spun' | 'replayed'; previous: SpinRecord }
  | { status: 'conflict' }
  | { status: 'capped' }
  | { status: 'code_taken' };

/** The outcome of `redeemCode`. */
export type RedeemResult = 'redeemed' | 'already_redeemed' | 'expired' | 'unknown';

/** Who wrote a chat message. */
export type MessageAuthor = 'shopper' | 'agent' | 'system';

/** One chat message. */
export interface MessageRecord {
  /** Store-wide, strictly increasing: the cursor of `listMessages`. */
  seq: number;
  /** Client-chosen idempotency key. */
  id: string;
  conversation: string;
  from: MessageAuthor;
  text: string;
  at: number;
}

/** What a conversation tells the agent about the shopper. */
export interface ConversationDetails {
  customer?: string;
  /** True when `customer` came with a valid identity hash. */
  verified: boolean;
  email?: string;
  knownCustomer: boolean;
  /** The latest context the bundle sent (page, viewed products, visit count). */
  context: Record<string, unknown> | null;
}

/** One chat conversation between a shopper and the shop. */
export interface ConversationRecord extends ConversationDetails {
  id: string;
  shopper: string;
  createdAt: number;
  updatedAt: number;
  lastMessage: { from: MessageAuthor; text: string; at: number };
}

/**
 * Whether a message or a reader as `customer` (undefined: anonymous) may continue or read a conversation:
 * only as whoever started it. On a shared computer the browser's shopper id stays the same across a
 * logout, so a customer's conversation is theirs alone, and an anonymous one (perhaps another person's)
 * is never handed to the customer who logs in.
 */
export function mayContinue(conversation: Pick<ConversationRecord, 'customer'>, customer: string | undefined): boolean {
  return conversation.customer === customer;
}

/** A new message: id, text and time. */
export interface NewMessage {
  id: string;
  text: string;
  at: number;
}

/** The outcome of saving a message; `replayed` means the id was seen and nothing was written. */
export type SaveMessageResult =
  | { status: 'saved' | 'replayed'; conversation: ConversationRecord; message: MessageRecord }
  | { status: 'conflict' }
  | { status: 'unknown_conversation' };

/** How `claimSpin` answers a spin whose attempt was recorded as `seen`: a repeat by its shopper, or a clash with another shopper's id. */
export function repeatOf(seen: SpinRecord, shopper: string): SpinClaim {
  return seen.shopper === shopper ? { status: 'replayed', previous: seen } : { status: 'conflict' };
}

/** The count of hits in the current fixed window of a rate limit. */
export interface RateWindow {
  count: number;
  resetAt: number;
}

/** Thrown by a store whose backend is temporarily unreachable; the endpoint answers 503 with `Retry-After`. */
export class StoreUnavailableError extends Error {
  constructor(message = 'The endpoint store is unavailable.') {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

/** The state of the reference endpoint. */
export interface EndpointStore {
  /** Keeps the events whose id is new; returns how many were new. */
  addEvents(events: StoredEvent[]): Promise<number>;
  /** The kept events, oldest first, optionally for one shopper. */
  listEvents(filter?: { shopper?: string }): Promise<StoredEvent[]>;
  /** Creates the account unless its email exists; returns the existing one otherwise. */
  createAccount(account: AccountRecord): Promise<{ status: 'created' } | { status: 'exists'; account: AccountRecord }>;
  /**
   * Records `spin` unless its `attempt` was recorded before (`replayed` for the same shopper, else
   * `conflict`), the shopper or email already spun after `rules.since`, its prize segment already
   * handed out `rules.prizeCap` prizes, or its code is taken.
   */
  claimSpin(spin: SpinRecord, rules: { since: number; prizeCap: number | null }): Promise<SpinClaim>;
  /** The latest spin after `since` by this shopper or this email. */
  findSpin(query: { shopper: string; email?: string; since: number }): Promise<SpinRecord | null>;
  /** How many prizes each segment handed out. */
  prizeCounts(): Promise<Record<string, number>>;
  /** Marks a prize code used, once, before it expires. */
  redeemCode(code: string, at: number): Promise<RedeemResult>;
  /**
   * Saves a shopper's message, idempotent by `message.id`. Without `conversation` it continues
   * the shopper's latest conversation or starts one with id `newConversationId`.
   */
  addShopperMessage(input: {
    shopper: string;
    conversation: string | null;
    newConversationId: string;
    message: NewMessage;
    details: ConversationDetails;
  }): Promise<SaveMessageResult>;
  /** Saves an agent's reply, idempotent by `message.id`. */
  addAgentMessage(input: { conversation: string; message: NewMessage }): Promise<SaveMessageResult>;
  /** Messages of a conversation with `seq` above `after`, oldest first, at most `limit`. */
  listMessages(conversation: string, after: number, limit: number): Promise<MessageRecord[]>;
  /** One conversation, or null. */
  getConversation(id: string): Promise<ConversationRecord | null>;
  /** Every conversation, in no particular order (the inbox sorts them). */
  listConversations(): Promise<ConversationRecord[]>;
  /** Notes that `agent` has the inbox open. */
  recordHeartbeat(agent: string, at: number): Promise<void>;
  /** The most recent heartbeat of any agent. */
  lastHeartbeat(): Promise<number | null>;
  /** Counts one hit of `key` in its fixed window of `windowMs`. */
  hit(key: string, windowMs: number, now: number): Promise<RateWindow>;
  /** Resolves when the backend answers; rejects (with `StoreUnavailableError`) when it does not. */
  ping(): Promise<void>;
  /** Forgets everything. */
  reset(): Promise<void>;
}

/** Options of the in-memory store. */
export interface MemoryStoreOptions {
  /** Events kept before the oldest are dropped (with their ids, so a very late duplicate would count again). */
  maxEvents?: number;
}

/** Creates the in-memory store: for the demo and tests; state is lost on restart. */
export function createMemoryStore(options: MemoryStoreOptions = {}): EndpointStore {
  const maxEvents = options.maxEvents ?? 10_000;
  let events = new Map<string, StoredEvent>();
  let accounts = new Map<string, AccountRecord>();
  // Latest spin per shopper and per email, and prizes per segment: every spin check is a lookup, not a scan.
  let spinsByShopper = new Map<string, SpinRecord>();
  let spinsByEmail = new Map<string, SpinRecord>();
  let prizesBySegment = new Map<string, number>();
  let codes = new Map<string, SpinRecord>();
  let spinsByAttempt = new Map<string, SpinRecord>();
  let conversations = new Map<string, ConversationRecord>();
  // In seq order, plus an index by id: the index answers retries, the list answers polls.
  let messages: MessageRecord[] = [];
  let messagesById = new Map<string, MessageRecord>();
  let heartbeats = new Map<string, number>();
  let windows = new Map<string, RateWindow>();
  let seq = 0;

  // Copies keep callers from mutating stored state, as they could not with a database.
  const copy = <T>(value: T): T => structuredClone(value);

  function latestSpin(shopper: string, email: string | undefined, since: number): SpinRecord | null {
    const candidates = [spinsByShopper.get(shopper), email === undefined ? undefined : spinsByEmail.get(email)];
    let latest: SpinRecord | null = null;
    for (const spin of candidates) if (spin && spin.at > since && (!latest || spin.at > latest.at)) latest = spin;
    return latest;
  }

  /** The conversation a message without one continues: the shopper's latest one it may continue (see mayContinue). */
  function latestConversationOf(shopper: string, customer: string | undefined): ConversationRecord | undefined {
    let latest: ConversationRecord | undefined;
    for (const conversation of conversations.values()) {
      if (conversation.shopper === shopper && mayContinue(conversation, customer) && (!latest || conversation.updatedAt >= latest.updatedAt)) latest = conversation;
    }
    return latest;
  }

  function append(conversation: ConversationRecord, from: MessageAuthor, message: NewMessage): MessageRecord {
    seq += 1;
    const record: MessageRecord = { seq, id: message.id, conversation: conversation.id, from, text: message.text, at: message.at };
    messages.push(record);
    messagesById.set(message.id, record);
    conversation.updatedAt = message.at;
    conversation.lastMessage = { from, text: message.text, at: message.at };
    return record;
  }

  function replay(message: MessageRecord): SaveMessageResult {
    return { status: 'replayed', conversation: copy(conversations.get(message.conversation)!), message: copy(message) };
  }

  return {
    async addEvents(batch) {
      let added = 0;
      for (const event of batch) {
        if (events.has(event.id)) continue;
        events.set(event.id, copy(event));
        added += 1;
      }
      // Maps iterate in insertion order, so the first keys are the oldest events.
      for (const id of events.keys()) {
        if (events.size <= maxEvents) break;
        events.delete(id);
      }
      return added;
    },

    async listEvents(filter = {}) {
      return [...events.values()].filter((event) => !filter.shopper || event.shopper === filter.shopper).map(copy);
    },

    async createAccount(account) {
      const existing = accounts.get(account.email);
      if (existing) return { status: 'exists', account: copy(existing) };
      accounts.set(account.email, copy(account));
      return { status: 'created' };
    },

    async claimSpin(spin, rules) {
      const seen = spin.attempt === undefined ? undefined : spinsByAttempt.get(spin.attempt);
      if (seen) return repeatOf(copy(seen), spin.shopper);
      const previous = latestSpin(spin.shopper, spin.email, rules.since);
      if (previous) return { status: 'already_spun', previous: copy(previous) };
      if (spin.prize) {
        if (codes.has(spin.prize.code)) return { status: 'code_taken' };
        if (rules.prizeCap !== null && (prizesBySegment.get(spin.segment) ?? 0) >= rules.prizeCap) return { status: 'capped' };
      }
      const record = copy(spin);
      spinsByShopper.set(record.shopper, record);
      if (record.email !== undefined) spinsByEmail.set(record.email, record);
      if (record.attempt !== undefined) spinsByAttempt.set(record.attempt, record);
      if (record.prize) {
        codes.set(record.prize.code, record);
        prizesBySegment.set(record.segment, (prizesBySegment.get(record.segment) ?? 0) + 1);
      }
      return { status: 'claimed' };
    },

    async findSpin(query) {
      const spin = latestSpin(query.shopper, query.email, query.since);
      return spin ? copy(spin) : null;
    },

    async prizeCounts() {
      return Object.fromEntries(prizesBySegment);
    },

    async redeemCode(code, at) {
      const prize = codes.get(code)?.prize;
      if (!prize) return 'unknown';
      if (prize.redeemedAt !== undefined) return 'already_redeemed';
      if (at >= prize.expiresAt) return 'expired';
      prize.redeemedAt = at;
      return 'redeemed';
    },

    async addShopperMessage(input) {
      const seen = messagesById.get(input.message.id);
      if (seen) {
        const owner = conversations.get(seen.conversation)!;
        // The same id from another shopper, or with other text, is a client bug, not a retry.
        if (seen.from !== 'shopper' || owner.shopper !== input.shopper || seen.text !== input.message.text) {
          return { status: 'conflict' };
        }
        return replay(seen);
      }
      let conversation: ConversationRecord | undefined;
      if (input.conversation !== null) {
        conversation = conversations.get(input.conversation);
        if (!conversation || conversation.shopper !== input.shopper || !mayContinue(conversation, input.details.customer)) return { status: 'unknown_conversation' };
      } else {
        conversation = latestConversationOf(input.shopper, input.details.customer);
      }
      if (!conversation) {
        conversation = {
          id: input.newConversationId,
          shopper: input.shopper,
          createdAt: input.message.at,
          updatedAt: input.message.at,
          lastMessage: { from: 'shopper', text: input.message.text, at: input.message.at },
          ...copy(input.details),
        };
        conversations.set(conversation.id, conversation);
      } else {
        const details = copy(input.details);
        if (details.customer !== undefined) {
          conversation.customer = details.customer;
          conversation.verified = details.verified;
        }
        conversation.knownCustomer ||= details.knownCustomer;
        if (details.email !== undefined) conversation.email = details.email;
        if (details.context !== null) conversation.context = details.context;
      }
      const message = append(conversation, 'shopper', input.message);
      return { status: 'saved', conversation: copy(conversation), message: copy(message) };
    },

    async addAgentMessage(input) {
      const seen = messagesById.get(input.message.id);
      if (seen) {
        if (seen.from !== 'agent' || seen.conversation !== input.conversation || seen.text !== input.message.text) {
          return { status: 'conflict' };
        }
        return replay(seen);
      }
      const conversation = conversations.get(input.conversation);
      if (!conversation) return { status: 'unknown_conversation' };
      const message = append(conversation, 'agent', input.message);
      return { status: 'saved', conversation: copy(conversation), message: copy(message) };
    },

    async listMessages(conversation, after, limit) {
      const found: MessageRecord[] = [];
      for (const message of messages) {
        if (found.length >= limit) break;
        if (message.conversation === conversation && message.seq > after) found.push(copy(message));
      }
      return found;
    },

    async getConversation(id) {
      const conversation = conversations.get(id);
      return conversation ? copy(conversation) : null;
    },

    async listConversations() {
      return [...conversations.values()].map(copy);
    },

    async recordHeartbeat(agent, at) {
      heartbeats.set(agent, at);
    },

    async lastHeartbeat() {
      let latest: number | null = null;
      for (const at of heartbeats.values()) if (latest === null || at > latest) latest = at;
      return latest;
    },

    async hit(key, windowMs, now) {
      let window = windows.get(key);
      if (!window || now >= window.resetAt) {
        if (windows.size >= 10_000) for (const [other, { resetAt }] of windows) if (now >= resetAt) windows.delete(other);
        window = { count: 0, resetAt: now + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return { ...window };
    },

    async ping() {},

    async reset() {
      events = new Map();
      accounts = new Map();
      spinsByShopper = new Map();
      spinsByEmail = new Map();
      prizesBySegment = new Map();
      codes = new Map();
      spinsByAttempt = new Map();
      conversations = new Map();
      messages = [];
      messagesById = new Map();
      heartbeats = new Map();
      windows = new Map();
      seq = 0;
    },
  };
}
