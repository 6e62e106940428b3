/**
 * Migration 003: when each webhook delivery was given up, so a merchant can resend only the ones
 * given up since a given time (after fixing their receiver). Rows given up before this migration
 * keep NULL: their time is unknown, so only a resend without a time picks them.
 */
export const sql = `
ALTER TABLE regulars_webhook_queue ADD COLUMN given_up_at BIGINT;
CREATE INDEX regulars_webhook_queue_given_up ON regulars_webhook_queue (given_up_at) WHERE next_attempt_at IS NULL;
`;
