/**
 * Migration 001: the endpoint's state. Times are epoch milliseconds in BIGINT columns. The
 * primary and unique keys are what make writes safe on any number of servers: an event or a
 * message id is stored once, an email has one account, a shopper or email holds one spin slot.
 */
export const sql = `
CREATE TABLE regulars_events (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  shopper TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  event JSONB NOT NULL
);
CREATE INDEX regulars_events_shopper ON regulars_events (shopper, seq);
CREATE INDEX regulars_events_received_at ON regulars_events (received_at);

CREATE TABLE regulars_accounts (
  email TEXT PRIMARY KEY,
  name TEXT,
  shopper TEXT NOT NULL,
  marketing_consent BOOLEAN NOT NULL,
  source TEXT NOT NULL,
  verified BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE regulars_spins (
  seq BIGSERIAL PRIMARY KEY,
  shopper TEXT NOT NULL,
  email TEXT,
  marketing_consent BOOLEAN NOT NULL,
  segment TEXT NOT NULL,
  prize_label TEXT,
  code TEXT UNIQUE,
  expires_at BIGINT,
  redeemed_at BIGINT,
  at BIGINT NOT NULL
);
CREATE INDEX regulars_spins_shopper ON regulars_spins (shopper, at);
CREATE INDEX regulars_spins_email ON regulars_spins (email, at) WHERE email IS NOT NULL;

-- One row per shopper ('shopper:<id>') and per email ('email:<address>'), holding the time of its
-- latest spin. A spin claims its rows with a conditional upsert, so two parallel spins of one
-- shopper meet on the same key and only one can win.
CREATE TABLE regulars_spin_slots (
  key TEXT PRIMARY KEY,
  at BIGINT NOT NULL
);

CREATE TABLE regulars_prize_counts (
  segment TEXT PRIMARY KEY,
  handed_out INTEGER NOT NULL
);

CREATE TABLE regulars_conversations (
  id TEXT PRIMARY KEY,
  seq BIGSERIAL NOT NULL UNIQUE,
  shopper TEXT NOT NULL,
  customer TEXT,
  verified BOOLEAN NOT NULL,
  email TEXT,
  known_customer BOOLEAN NOT NULL,
  context JSONB,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  last_from TEXT NOT NULL,
  last_text TEXT NOT NULL,
  last_at BIGINT NOT NULL
);
CREATE INDEX regulars_conversations_shopper ON regulars_conversations (shopper, updated_at, seq);

-- A shopper's messages are written one at a time: each write first locks the shopper's row here.
CREATE TABLE regulars_chat_shoppers (
  shopper TEXT PRIMARY KEY
);

CREATE TABLE regulars_messages (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  conversation TEXT NOT NULL REFERENCES regulars_conversations (id) ON DELETE CASCADE,
  author TEXT NOT NULL CHECK (author IN ('shopper', 'agent', 'system')),
  text TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX regulars_messages_conversation ON regulars_messages (conversation, seq);

CREATE TABLE regulars_agent_heartbeats (
  agent TEXT PRIMARY KEY,
  at BIGINT NOT NULL
);

CREATE TABLE regulars_rate_windows (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  reset_at BIGINT NOT NULL
);
`;
