/**
 * `POST /events`: batches of at most 50 tracked events, kept once per event id so a
 * batch re-sent after a lost answer (or a keepalive send on page exit racing a retry) counts once.
 */
import type { PageInfo, Product } from '../../src/types';
import type { RouteContext } from './context';
import { noContent } from './http';
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

/** Keeps a batch of events; answers 204 whether or not some were duplicates. */
export async function postEvents(context: RouteContext): Promise<Response> {
  await context.limit('events');
  const body = await context.body();
  const list = requireArray(body.events, 'events', MAX_EVENTS_PER_BATCH, 'too_many_events');
  // A bad event refuses the whole batch (400, not retried) rather than half-storing it.
  const events = list.map((event, index) => readEvent(event, index, context.now));
  if (events.length > 0) await context.options.store.addEvents(events);
  return noContent();
}

