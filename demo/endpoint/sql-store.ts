/**
 * The endpoint's state in SQL: one implementation of `EndpointStore` for PGlite and PostgreSQL.
 * Every check-then-write is made safe by the database itself (unique keys, `INSERT ... ON CONFLICT`,
 * row locks inside transactions), never by a lock in this process, so several servers can share
 * one PostgreSQL. The schema comes from the migrations (see migrate.ts), applied before use.
 */
import type { SqlClient, SqlExecutor } from './sql-client';
import type {
  AccountRecord,
  ConversationDetails,
  ConversationRecord,
  EndpointStore,
  MessageAuthor,
  MessageRecord,
  NewMessage,
  RedeemResult,
  SaveMessageResult,
  SpinClaim,
  SpinRecord,
  StoredEvent,
} from './store';
import { mayContinue, repeatOf } from './store';

/** Options of the SQL store. */
export interface SqlStoreOptions {
  /** Queue every new event for the outbound webhook, in the same statement that stores it. */
  forwardEvents?: boolean;
  /** Called after new events were queued, so the webhook sender can wake up at once. */
  onEventsQueued?: () => void;
  /** The wall clock the webhook queue is scheduled by (default `Date.now`). */
  now?: () => number;
}

// Lone UTF-16 surrogates (a string cut in the middle of an emoji) and U+0000 cannot be stored in
// PostgreSQL text or JSONB; they become U+FFFD, like a browser decoding a broken byte sequence.
const UNSTORABLE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g;

/** `value` with every string (and object key) made storable in PostgreSQL text. */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[storable(key)] = storable(item);
    return copy as T;
  }
  return value;
}

type Row = Record<string, unknown>;

const int = (value: unknown): number => Number(value);
const nullableInt = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const text = (value: unknown): string => String(value);

function toAccount(row: Row): AccountRecord {
  return {
    email: text(row.email),
    ...(row.name !== null ? { name: text(row.name) } : {}),
    shopper: text(row.shopper),
    marketingConsent: row.marketing_consent === true,
    source: text(row.source),
    verified: row.verified === true,
    createdAt: int(row.created_at),
  };
}

function toSpin(row: Row): SpinRecord {
  const redeemedAt = nullableInt(row.redeemed_at);
  return {
    shopper: text(row.shopper),
    ...(row.email !== null ? { email: text(row.email) } : {}),
    marketingConsent: row.marketing_consent === true,
    segment: text(row.segment),
    prize:
      row.code === null
        ? null
        : { label: text(row.prize_label), code: text(row.code), expiresAt: int(row.expires_at), ...(redeemedAt !== null ? { redeemedAt } : {}) },
    at: int(row.at),
    ...(row.attempt !== null && row.attempt !== undefined ? { attempt: text(row.attempt) } : {}),
  };
}

function toConversation(row: Row): ConversationRecord {
  return {
    id: text(row.id),
    shopper: text(row.shopper),
    ...(row.customer !== null ? { customer: text(row.customer) } : {}),
    verified: row.verified === true,
    ...(row.email !== null ? { email: text(row.email) } : {}),
    knownCustomer: row.known_customer === true,
    context: (row.context as Record<string, unknown> | null) ?? null,
    createdAt: int(row.created_at),
    updatedAt: int(row.updated_at),
    lastMessage: { from: text(row.last_from) as MessageAuthor, text: text(row.last_text), at: int(row.last_at) },
  };
}

function toMessage(row: Row): MessageRecord {
  return { seq: int(row.seq), id: text(row.id), conversation: text(row.conversation), from: text(row.author) as MessageAuthor, text: text(row.text), at: int(row.at) };
}

/**
 * Ends a spin's transaction early: thrown inside, it rolls everything back; caught outside, it is
 * the answer (`already_spun` still needs the previous spin, read after the rollback).
 */
class SpinRefused {
  constructor(readonly status: 'already_spun' | 'code_taken' | 'capped') {}
}

/** Thrown inside a message transaction when a parallel request stored the same message id first. */
class LostIdRace {}

const EVENTS_INSERT = `
  INSERT INTO regulars_events (id, type, shopper, received_at, event)
  SELECT doc->>'id', doc->>'type', doc->>'shopper', (doc->>'receivedAt')::bigint, doc
  FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS incoming(doc, position)
  ORDER BY position
  ON CONFLICT (id) DO NOTHING
  RETURNING id`;

/** How many rate-limit hits pass between sweeps of expired windows. */
const SWEEP_EVERY_HITS = 1000;

/** Creates the SQL store on a migrated `client`. */
export function createSqlStore(client: SqlClient, options: SqlStoreOptions = {}): EndpointStore {
  const now = options.now ?? Date.now;
  let hitsSinceSweep = 0;

  async function findMessage(tx: SqlExecutor, id: string): Promise<MessageRecord | null> {
    const [row] = await tx.query<Row>('SELECT * FROM regulars_messages WHERE id = $1', [id]);
    return row ? toMessage(row) : null;
  }

  async function conversationById(tx: SqlExecutor, id: string, lock = false): Promise<Row | null> {
    const [row] = await tx.query<Row>(`SELECT * FROM regulars_conversations WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ?? null;
  }

  async function replayOrConflict(
    tx: SqlExecutor,
    seen: MessageRecord,
    matches: (seen: MessageRecord, owner: ConversationRecord) => boolean,
  ): Promise<SaveMessageResult> {
    const owner = toConversation((await conversationById(tx, seen.conversation))!);
    // The same id for another message is a client bug, not a retry.
    return matches(seen, owner) ? { status: 'replayed', conversation: owner, message: seen } : { status: 'conflict' };
  }

  async function insertMessage(tx: SqlExecutor, conversation: string, from: MessageAuthor, message: NewMessage): Promise<MessageRecord> {
    const [row] = await tx.query<Row>(
      `INSERT INTO regulars_messages (id, conversation, author, text, at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING RETURNING *`,
      [message.id, conversation, from, message.text, message.at],
    );
    if (!row) throw new LostIdRace();
    return toMessage(row);
  }

  /** Runs a message write; if a parallel request stored the same id first, runs it again to answer as a replay. */
  async function messageTransaction(work: (tx: SqlExecutor) => Promise<SaveMessageResult>): Promise<SaveMessageResult> {
    try {
      return await client.transaction(work);
    } catch (error) {
      if (error instanceof LostIdRace) return client.transaction(work);
      throw error;
    }
  }

  async function latestSpin(tx: SqlExecutor, shopper: string, email: string | undefined, since: number): Promise<SpinRecord | null> {
    const [row] = await tx.query<Row>(
      `SELECT * FROM regulars_spins WHERE (shopper = $1 OR email = $2) AND at > $3
       ORDER BY at DESC, (shopper = $1) DESC, seq DESC LIMIT 1`,
      [shopper, email ?? null, since],
    );
    return row ? toSpin(row) : null;
  }

  /** The answer to a spin whose attempt is recorded already (see repeatOf), or null when it is new. */
  async function repeatedAttempt(tx: SqlExecutor, spin: SpinRecord): Promise<SpinClaim | null> {
    if (spin.attempt === undefined) return null;
    const [row] = await tx.query<Row>('SELECT * FROM regulars_spins WHERE attempt = $1', [spin.attempt]);
    return row ? repeatOf(toSpin(row), spin.shopper) : null;
  }

  async function claim(tx: SqlExecutor, spin: SpinRecord, rules: { since: number; prizeCap: number | null }): Promise<SpinClaim> {
    const repeated = await repeatedAttempt(tx, spin);
    if (repeated) return repeated;
    const slots = [`shopper:${spin.shopper}`, ...(spin.email !== undefined ? [`email:${spin.email}`] : [])];
    for (const key of slots) {
      // Takes the slot if it is new or its last spin is older than the period; otherwise someone spun.
      const won = await tx.query(
        `INSERT INTO regulars_spin_slots (key, at) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET at = EXCLUDED.at WHERE regulars_spin_slots.at <= $3
         RETURNING key`,
        [key, spin.at, rules.since],
      );
      if (won.length === 0) throw new SpinRefused('already_spun');
    }
    const prize = spin.prize;
    // Either unique key refuses the row: the code (drawn again), or the attempt (another shopper's, committed since the check above).
    const inserted = await tx.query(
      `INSERT INTO regulars_spins (shopper, email, marketing_consent, segment, prize_label, code, expires_at, at, attempt)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING seq`,
      [spin.shopper, spin.email ?? null, spin.marketingConsent, spin.segment, prize?.label ?? null, prize?.code ?? null, prize?.expiresAt ?? null, spin.at, spin.attempt ?? null],
    );
    if (inserted.length === 0) throw new SpinRefused('code_taken');
    if (prize) {
      if (rules.prizeCap !== null && rules.prizeCap <= 0) throw new SpinRefused('capped');
      // The count's row lock orders parallel winners of one segment; the WHERE keeps them under the cap.
      const counted = await tx.query(
        `INSERT INTO regulars_prize_counts (segment, handed_out) VALUES ($1, 1)
         ON CONFLICT (segment) DO UPDATE SET handed_out = regulars_prize_counts.handed_out + 1
         WHERE $2::integer IS NULL OR regulars_prize_counts.handed_out < $2::integer
         RETURNING handed_out`,
        [spin.segment, rules.prizeCap],
      );
      if (counted.length === 0) throw new SpinRefused('capped');
    }
    return { status: 'claimed' };
  }

  return {
    async addEvents(batch) {
      if (batch.length === 0) return 0;
      const documents = JSON.stringify(storable(batch));
      if (!options.forwardEvents) return (await client.query(EVENTS_INSERT, [documents])).length;
      const queued = await client.query(
        `WITH inserted AS (${EVENTS_INSERT})
         INSERT INTO regulars_webhook_queue (event_id, next_attempt_at, created_at)
         SELECT id, $2, $2 FROM inserted RETURNING event_id`,
        [documents, now()],
      );
      if (queued.length > 0) options.onEventsQueued?.();
      return queued.length;
    },

    async listEvents(filter = {}) {
      const rows = filter.shopper
        ? await client.query<Row>('SELECT event FROM regulars_events WHERE shopper = $1 ORDER BY seq', [storable(filter.shopper)])
        : await client.query<Row>('SELECT event FROM regulars_events ORDER BY seq');
      return rows.map((row) => row.event as StoredEvent);
    },

    async createAccount(raw) {
      const account = storable(raw);
      const created = await client.query(
        `INSERT INTO regulars_accounts (email, name, shopper, marketing_consent, source, verified, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (email) DO NOTHING RETURNING email`,
        [account.email, account.name ?? null, account.shopper, account.marketingConsent, account.source, account.verified, account.createdAt],
      );
      if (created.length > 0) return { status: 'created' };
      const [row] = await client.query<Row>('SELECT * FROM regulars_accounts WHERE email = $1', [account.email]);
      return { status: 'exists', account: toAccount(row!) };
    },

    async claimSpin(raw, rules) {
      const spin = storable(raw);
      for (let attempt = 0; attempt < 2; attempt += 1) {
        try {
          return await client.transaction((tx) => claim(tx, spin, rules));
        } catch (error) {
          if (!(error instanceof SpinRefused)) throw error;
          // A parallel request of the same attempt (or another shopper's with its id) committed first.
          const repeated = await repeatedAttempt(client, spin);
          if (repeated) return repeated;
          if (error.status !== 'already_spun') return { status: error.status };
          // The slot is held by a committed spin, which this later statement sees.
          const previous = await latestSpin(client, spin.shopper, spin.email, rules.since);
          if (previous) return { status: 'already_spun', previous };
        }
      }
      throw new Error('A spin slot is held without a matching spin.');
    },

    async findSpin(query) {
      const { shopper, email } = storable(query);
      return latestSpin(client, shopper, email, query.since);
    },

    async prizeCounts() {
      const rows = await client.query<Row>('SELECT segment, handed_out FROM regulars_prize_counts');
      return Object.fromEntries(rows.map((row) => [text(row.segment), int(row.handed_out)]));
    },

    async redeemCode(raw, at): Promise<RedeemResult> {
      const code = storable(raw);
      const redeemed = await client.query(
        'UPDATE regulars_spins SET redeemed_at = $2 WHERE code = $1 AND redeemed_at IS NULL AND expires_at > $2 RETURNING seq',
        [code, at],
      );
      if (redeemed.length > 0) return 'redeemed';
      const [row] = await client.query<Row>('SELECT redeemed_at FROM regulars_spins WHERE code = $1', [code]);
      if (!row) return 'unknown';
      return row.redeemed_at !== null ? 'already_redeemed' : 'expired';
    },

    async addShopperMessage(raw) {
      const input = storable(raw);
      return messageTransaction(async (tx) => {
        // One shopper's writes queue on this row: "continue my latest conversation" must see the one just started.
        await tx.query(
          'INSERT INTO regulars_chat_shoppers (shopper) VALUES ($1) ON CONFLICT (shopper) DO UPDATE SET shopper = EXCLUDED.shopper',
          [input.shopper],
        );
        const seen = await findMessage(tx, input.message.id);
        if (seen) {
          return replayOrConflict(tx, seen, (message, owner) => message.from === 'shopper' && owner.shopper === input.shopper && message.text === input.message.text);
        }
        let current: Row | null;
        if (input.conversation !== null) {
          current = await conversationById(tx, input.conversation, true);
          if (!current || current.shopper !== input.shopper || !mayContinue(toConversation(current), input.details.customer)) return { status: 'unknown_conversation' };
        } else {
          // The latest conversation this shopper may continue as this customer, or anonymously (mayContinue).
          [current = null] = await tx.query<Row>(
            'SELECT * FROM regulars_conversations WHERE shopper = $1 AND customer IS NOT DISTINCT FROM $2 ORDER BY updated_at DESC, seq DESC LIMIT 1 FOR UPDATE',
            [input.shopper, input.details.customer ?? null],
          );
        }
        const { message, details } = input;
        const conversation = current ? await continueConversation(tx, text(current.id), message, details) : await startConversation(tx, input.newConversationId, input.shopper, message, details);
        return { status: 'saved', conversation, message: await insertMessage(tx, conversation.id, 'shopper', message) };
      });
    },

    async addAgentMessage(raw) {
      const input = storable(raw);
      return messageTransaction(async (tx) => {
        const seen = await findMessage(tx, input.message.id);
        if (seen) {
          return replayOrConflict(tx, seen, (message) => message.from === 'agent' && message.conversation === input.conversation && message.text === input.message.text);
        }
        // The update locks the conversation, so its messages get their seq in commit order.
        const [row] = await tx.query<Row>(
          `UPDATE regulars_conversations SET updated_at = $2, last_from = 'agent', last_text = $3, last_at = $2 WHERE id = $1 RETURNING *`,
          [input.conversation, input.message.at, input.message.text],
        );
        if (!row) return { status: 'unknown_conversation' };
        return { status: 'saved', conversation: toConversation(row), message: await insertMessage(tx, input.conversation, 'agent', input.message) };
      });
    },

    async listMessages(conversation, after, limit) {
      const rows = await client.query<Row>(
        'SELECT * FROM regulars_messages WHERE conversation = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [storable(conversation), after, limit],
      );
      return rows.map(toMessage);
    },

    async getConversation(id) {
      const row = await conversationById(client, storable(id));
      return row ? toConversation(row) : null;
    },

    async listConversations() {
      return (await client.query<Row>('SELECT * FROM regulars_conversations ORDER BY seq')).map(toConversation);
    },

    async recordHeartbeat(agent, at) {
      await client.query(
        'INSERT INTO regulars_agent_heartbeats (agent, at) VALUES ($1, $2) ON CONFLICT (agent) DO UPDATE SET at = EXCLUDED.at',
        [storable(agent), at],
      );
    },

    async lastHeartbeat() {
      const [row] = await client.query<Row>('SELECT max(at) AS at FROM regulars_agent_heartbeats');
      return nullableInt(row?.at);
    },

    async hit(key, windowMs, now) {
      hitsSinceSweep += 1;
      if (hitsSinceSweep >= SWEEP_EVERY_HITS) {
        hitsSinceSweep = 0;
        await client.query('DELETE FROM regulars_rate_windows WHERE reset_at <= $1', [now]);
      }
      // One statement counts the hit or opens a new window, so parallel hits never lose a count.
      const [row] = await client.query<Row>(
        `INSERT INTO regulars_rate_windows (key, count, reset_at) VALUES ($1, 1, $2::bigint + $3::bigint)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN $2::bigint >= regulars_rate_windows.reset_at THEN 1 ELSE regulars_rate_windows.count + 1 END,
           reset_at = CASE WHEN $2::bigint >= regulars_rate_windows.reset_at THEN $2::bigint + $3::bigint ELSE regulars_rate_windows.reset_at END
         RETURNING count, reset_at`,
        [storable(key), now, windowMs],
      );
      return { count: int(row!.count), resetAt: int(row!.reset_at) };
    },

    async ping() {
      await client.query('SELECT 1');
    },

    async reset() {
      await client.exec(
        `TRUNCATE regulars_webhook_queue, regulars_events, regulars_accounts, regulars_spins, regulars_spin_slots,
           regulars_prize_counts, regulars_messages, regulars_conversations, regulars_chat_shoppers,
           regulars_agent_heartbeats, regulars_rate_windows RESTART IDENTITY`,
      );
    },
  };
}

async function startConversation(tx: SqlExecutor, id: string, shopper: string, message: NewMessage, details: ConversationDetails): Promise<ConversationRecord> {
  const [row] = await tx.query<Row>(
    `INSERT INTO regulars_conversations
       (id, shopper, customer, verified, email, known_customer, context, created_at, updated_at, last_from, last_text, last_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $8, 'shopper', $9, $8) RETURNING *`,
    [
      id,
      shopper,
      details.customer ?? null,
      details.verified,
      details.email ?? null,
      details.knownCustomer,
      details.context === null ? null : JSON.stringify(details.context),
      message.at,
      message.text,
    ],
  );
  return toConversation(row!);
}

async function continueConversation(tx: SqlExecutor, id: string, message: NewMessage, details: ConversationDetails): Promise<ConversationRecord> {
  // A message with a customer id updates who the shopper is; a known customer stays known.
  const [row] = await tx.query<Row>(
    `UPDATE regulars_conversations SET
       customer = COALESCE($2::text, customer),
       verified = CASE WHEN $2::text IS NULL THEN verified ELSE $3 END,
       known_customer = known_customer OR $4,
       email = COALESCE($5::text, email),
       context = COALESCE($6::text::jsonb, context),
       updated_at = $7, last_from = 'shopper', last_text = $8, last_at = $7
     WHERE id = $1 RETURNING *`,
    [
      id,
      details.customer ?? null,
      details.verified,
      details.knownCustomer,
      details.email ?? null,
      details.context === null ? null : JSON.stringify(details.context),
      message.at,
      message.text,
    ],
  );
  return toConversation(row!);
}
