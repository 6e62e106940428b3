/**
 * The durable queue of the outbound webhook, in the SQL store's database. The SQL store adds a row
 * per new event (migration 002); this module hands due rows to the sender under a lease, and
 * removes them once delivered or schedules them again. A lease that runs out (the sender crashed)
 * makes its rows due again, so nothing waits forever and nothing is lost. Given-up rows stay until
 * the merchant resends them, which makes them due again like new rows.
 */
import type { SqlClient } from './sql-client';
import type { StoredEvent } from './store';

/** A queued event handed to the sender. */
export interface QueuedEvent {
  event: StoredEvent;
  /** Delivery attempts so far, this one included. */
  attempts: number;
}

/** The queue's operations. */
export interface WebhookQueue {
  /** Leases up to `limit` due events (oldest first) until `leaseUntil`, counting an attempt for each. */
  claim(now: number, limit: number, leaseUntil: number): Promise<QueuedEvent[]>;
  /** Removes delivered events. */
  complete(eventIds: readonly string[]): Promise<void>;
  /** Makes events due again at `at`, noting why the attempt failed. */
  retryAt(eventIds: readonly string[], at: number, reason: string): Promise<void>;
  /** Stops retrying events at `at` (they stay in the table, with the reason, for the merchant to look at or resend). */
  giveUp(eventIds: readonly string[], reason: string, at: number): Promise<void>;
  /** How many events wait for delivery (given-up ones not counted). */
  pending(): Promise<number>;
  /** Counts the given-up events, with their time span and the latest reason. */
  givenUp(): Promise<GivenUpSummary>;
  /**
   * Makes given-up events (those given up at or after `since`, when given) due again with no
   * attempts counted and answers how many; rows already due stay as they are, so resending twice sends once.
   */
  resend(options?: { since?: number }): Promise<number>;
}

/** What the merchant sees of the given-up events; times are epoch milliseconds, null when there are none. */
export interface GivenUpSummary {
  count: number;
  /** When the oldest and the newest given-up event was received. */
  oldestReceivedAt: number | null;
  newestReceivedAt: number | null;
  /** When the first and the last event was given up (null for rows given up before that time was kept). */
  firstGivenUpAt: number | null;
  lastGivenUpAt: number | null;
  /** Why the most recently given-up event failed, such as `HTTP 410`. */
  lastError: string | null;
}

/** The part of the queue the merchant's tools use: look at given-up events and resend them. */
export type GivenUpWebhooks = Pick<WebhookQueue, 'givenUp' | 'resend'>;

function epochOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** Creates the queue on a migrated SQL client. */
export function createSqlWebhookQueue(client: SqlClient): WebhookQueue {
  return {
    async claim(now, limit, leaseUntil) {
      // SKIP LOCKED lets several senders (several servers on one PostgreSQL) share the queue without waiting on each other.
      const rows = await client.query<{ event: StoredEvent; attempts: number; seq: number }>(
        `UPDATE regulars_webhook_queue AS queue SET attempts = queue.attempts + 1, next_attempt_at = $3
         FROM regulars_events AS events
         WHERE events.id = queue.event_id AND queue.event_id IN (
           SELECT event_id FROM regulars_webhook_queue
           WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= $1
           ORDER BY next_attempt_at, created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING events.event, queue.attempts, events.seq`,
        [now, limit, leaseUntil],
      );
      return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map((row) => ({ event: row.event, attempts: Number(row.attempts) }));
    },

    async complete(eventIds) {
      if (eventIds.length === 0) return;
      await client.query('DELETE FROM regulars_webhook_queue WHERE event_id = ANY($1::text[])', [[...eventIds]]);
    },

    async retryAt(eventIds, at, reason) {
      if (eventIds.length === 0) return;
      await client.query('UPDATE regulars_webhook_queue SET next_attempt_at = $2, last_error = $3 WHERE event_id = ANY($1::text[])', [[...eventIds], at, reason]);
    },

    async giveUp(eventIds, reason, at) {
      if (eventIds.length === 0) return;
      await client.query(
        'UPDATE regulars_webhook_queue SET next_attempt_at = NULL, last_error = $2, given_up_at = $3 WHERE event_id = ANY($1::text[])',
        [[...eventIds], reason, at],
      );
    },

    async pending() {
      const [row] = await client.query<{ count: number }>('SELECT count(*) AS count FROM regulars_webhook_queue WHERE next_attempt_at IS NOT NULL');
      return Number(row?.count ?? 0);
    },

    async givenUp() {
      const [row] = await client.query<Record<string, unknown>>(
        `SELECT count(*) AS count, min(created_at) AS oldest_received_at, max(created_at) AS newest_received_at,
           min(given_up_at) AS first_given_up_at, max(given_up_at) AS last_given_up_at,
           (SELECT last_error FROM regulars_webhook_queue WHERE next_attempt_at IS NULL
            ORDER BY given_up_at DESC NULLS LAST, created_at DESC LIMIT 1) AS last_error
         FROM regulars_webhook_queue WHERE next_attempt_at IS NULL`,
      );
      return {
        count: Number(row?.count ?? 0),
        oldestReceivedAt: epochOrNull(row?.oldest_received_at),
        newestReceivedAt: epochOrNull(row?.newest_received_at),
        firstGivenUpAt: epochOrNull(row?.first_given_up_at),
        lastGivenUpAt: epochOrNull(row?.last_given_up_at),
        lastError: typeof row?.last_error === 'string' ? row.last_error : null,
      };
    },

    async resend(options = {}) {
      // Due at their original queue time, so they go out before newer events, oldest first, as
      // they would have. Only given-up rows (next_attempt_at NULL) match, and `claim` never takes
      // those: a sender cannot hold one, and a second resend (here or in another process, which
      // waits for this row lock, then sees the row due) finds nothing left to change.
      const resent = await client.query(
        `UPDATE regulars_webhook_queue SET next_attempt_at = created_at, attempts = 0, last_error = NULL, given_up_at = NULL
         WHERE next_attempt_at IS NULL AND ($1::bigint IS NULL OR given_up_at >= $1::bigint)
         RETURNING event_id`,
        [options.since ?? null],
      );
      return resent.length;
    },
  };
}
