/**
 * Migration 002: the outbound webhook's queue. A new event gets its row in the same statement that
 * stores it, so an event is never kept without being queued; a row leaves only once the merchant's
 * URL answered 2xx, so a restart or crash between the two loses nothing.
 */
export const sql = `
CREATE TABLE regulars_webhook_queue (
  event_id TEXT PRIMARY KEY REFERENCES regulars_events (id) ON DELETE CASCADE,
  attempts INTEGER NOT NULL DEFAULT 0,
  -- When the row may be sent (again); NULL once delivery was given up.
  next_attempt_at BIGINT,
  last_error TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX regulars_webhook_queue_due ON regulars_webhook_queue (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
`;
