/**
 * The durable queue of the outbound webhook, in the SQL store's database. The SQL store adds a row
 * per new event (migration 002); this module hands due rows to the sender under a lease, and
 * removes them once delivered or schedules them again. A lease that runs out (the sender crashed)
 * makes its rows due again, so nothing waits forever and nothing is lost.
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
  /** Stops retrying events (they stay in the table, with the reason, for the merchant to look at). */
  giveUp(eventIds: readonly string[], reason: string): Promise<void>;
  /** How many events wait for delivery (given-up ones not counted). */
  pending(): Promise<number>;
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

    async giveUp(eventIds, reason) {
      if (eventIds.length === 0) return;
      await client.query('UPDATE regulars_webhook_queue SET next_attempt_at = NULL, last_error = $2 WHERE event_id = ANY($1::text[])', [[...eventIds], reason]);
    },

    async pending() {
      const [row] = await client.query<{ count: number }>('SELECT count(*) AS count FROM regulars_webhook_queue WHERE next_attempt_at IS NOT NULL');
      return Number(row?.count ?? 0);
    },
  };
}
