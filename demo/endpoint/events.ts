/**
 * `POST /events`: batches of at most 50 tracked events, kept once per event id so a
 * batch re-sent after a lost answer (or a keepalive send on page exit racing a retry) counts once.
 * A batch may vouch for one customer with `identity`; its events naming that customer are stored as verified.
 */
import type { PageInfo, Product } from '../../src/types';
import { identityHashMatches } from './auth';
import type { RouteContext } from './context';
import { HttpError, noContent } from './http';
import type { StoredEvent } from './store';
import {
  optionalString,
  requireArray,
  requireObject,
  requireShopper,
  requireString,
  requireTimestamp,
  type JsonObject,
} from './validate';

/** Most events in one batch. */
export const MAX_EVENTS_PER_BATCH = 50;

function readPage(value: unknown, path: string): PageInfo {
  const page = requireObject(value, path);
  return {
    url: requireString(page.url, { path: `${path}.url`, max: 2048 }),
    title: optionalString(page.title, { path: `${path}.title`, max: 500 }) ?? '',
    referrer: optionalString(page.referrer, { path: `${path}.referrer`, max: 2048 }) ?? '',
  };
}

function readEvent(value: unknown, index: number, receivedAt: number): StoredEvent {
  const path = `events[${index}]`;
  const event = requireObject(value, path);
  const stored: StoredEvent = {
    id: requireString(event.id, { path: `${path}.id`, max: 128 }),
    type: requireString(event.type, { path: `${path}.type`, max: 64 }),
    at: requireTimestamp(event.at, `${path}.at`),
    shopper: requireShopper(event.shopper, `${path}.shopper`),
    page: readPage(event.page, `${path}.page`),
    receivedAt,
  };
  const customer = optionalString(event.customer, { path: `${path}.customer`, max: 128 });
  if (customer !== undefined) stored.customer = customer;
  // The product and free-form data are kept as sent: they are the merchant's automation input, not rendered here.
  if (event.product !== undefined && event.product !== null) stored.product = requireObject(event.product, `${path}.product`) as unknown as Product;
  if (event.data !== undefined && event.data !== null) stored.data = requireObject(event.data, `${path}.data`) as JsonObject;
  return stored;
}

/** The customer a batch vouches for, with the hash the merchant's server computed for it. */
interface BatchIdentity {
  customer: string;
  identityHash: string;
}

function requireIdentityField(value: unknown, path: string): string {
  // Blank strings pass: a blank hash simply never verifies, and refusing the batch would lose its events.
  const text = optionalString(value, { path, max: 128 });
  if (text === undefined) throw new HttpError(400, 'invalid_request', `${path} must be a string.`);
  return text;
}

function readIdentity(value: unknown): BatchIdentity | undefined {
  if (value === undefined || value === null) return undefined;
  const identity = requireObject(value, 'identity');
  return {
    customer: requireIdentityField(identity.customer, 'identity.customer'),
    identityHash: requireIdentityField(identity.identityHash, 'identity.identityHash'),
  };
}

/** The customer the batch proves, or null: without a secret, an identity, or a matching hash nothing is proven. */
async function provenCustomer(secret: string | null, identity: BatchIdentity | undefined): Promise<string | null> {
  if (secret === null || identity === undefined) return null;
  return (await identityHashMatches(secret, identity.customer, identity.identityHash)) ? identity.customer : null;
}

/** Keeps a batch of events; answers 204 whether or not some were duplicates. */
export async function postEvents(context: RouteContext): Promise<Response> {
  await context.limit('events');
  const body = await context.body();
  const list = requireArray(body.events, 'events', MAX_EVENTS_PER_BATCH, 'too_many_events');
  // A bad event refuses the whole batch (400, not retried) rather than half-storing it.
  const events = list.map((event, index) => readEvent(event, index, context.now));
  const identity = readIdentity(body.identity);
  // A hash that does not match refuses nothing: events are never lost, they just stay claims.
  const proven = await provenCustomer(context.options.identitySecret, identity);
  for (const event of events) {
    if (event.customer !== undefined) event.customerVerified = event.customer === proven;
  }
  if (events.length > 0) await context.options.store.addEvents(events);
  return noContent();
}

