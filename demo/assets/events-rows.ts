/**
 * The events page's table rows: one row per request the reference endpoint received, with the events
 * of a `POST /events` batch spelled out (and a "verified" mark on customers the endpoint verified).
 * Everything in a request is shopper- or page-controlled text, so it is only ever set as textContent.
 */

/** One request as the demo server recorded it. */
export interface RecordedRequest {
  seq: number;
  method: string;
  path: string;
  query?: unknown;
  /** Parsed JSON body, or null. */
  body: unknown;
  contentType?: string | null;
  origin?: string | null;
  /** ISO timestamp or epoch milliseconds. */
  at: string | number;
  /** The HTTP status the endpoint answered, once it answered. */
  status?: number;
}

/** One event of a `POST /events` batch, reduced to what the table shows. */
export interface EventSummary {
  id: string | null;
  type: string;
  product: string | null;
  page: string | null;
  customer: string | null;
}

const BODY_PREVIEW_CHARS = 240;

/** True for a plain JSON object. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

function pagePath(url: unknown): string | null {
  const raw = text(url);
  if (!raw) return null;
  try {
    // Only the path is shown, so any base serves to read a relative URL.
    const parsed = new URL(raw, 'http://localhost');
    return parsed.pathname + parsed.search;
  } catch {
    return raw;
  }
}

/** Lists the events of a `POST …/events` request, or returns null when the request is not an events batch. */
export function summariseEvents(request: RecordedRequest): EventSummary[] | null {
  if (!request.path.endsWith('/events') || !isObject(request.body) || !Array.isArray(request.body.events)) return null;
  return request.body.events.map((event: unknown) => {
    const record = isObject(event) ? event : {};
    return {
      id: text(record.id),
      type: text(record.type) ?? '(no type)',
      product: isObject(record.product) ? text(record.product.name) : null,
      page: isObject(record.page) ? pagePath(record.page.url) : null,
      customer: text(record.customer),
    };
  });
}

/** Renders a request's query as `?a=b`, whether the server recorded it as a string or as an object. */
export function queryText(query: unknown): string {
  if (typeof query === 'string') return query ? `?${query.replace(/^\?/, '')}` : '';
  if (isObject(query)) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) params.append(key, String(value));
    const serialized = params.toString();
    return serialized ? `?${serialized}` : '';
  }
  return '';
}

function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className?: string,
  content?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined) node.textContent = content;
  return node;
}

// Lets a narrow column break a path after its separators instead of in the middle of a word.
function breakable<T extends HTMLElement>(target: T, path: string): T {
  for (const part of path.split(/(?<=[/?&])/)) {
    if (target.childNodes.length) target.append(target.ownerDocument.createElement('wbr'));
    target.append(part);
  }
  return target;
}

function timeCell(doc: Document, at: RecordedRequest['at']): HTMLTableCellElement {
  const cell = element(doc, 'th');
  cell.scope = 'row';
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) {
    cell.textContent = String(at);
    return cell;
  }
  const time = element(doc, 'time', undefined, date.toLocaleTimeString('en-GB', { hour12: false }));
  time.dateTime = date.toISOString();
  cell.append(time);
  return cell;
}

function detailsCell(doc: Document, request: RecordedRequest, verifiedEvents: ReadonlySet<string>): HTMLTableCellElement {
  const cell = element(doc, 'td');
  const events = summariseEvents(request);
  if (events) {
    const list = element(doc, 'ul', 'event-list');
    for (const event of events) {
      const item = element(doc, 'li');
      item.append(element(doc, 'span', 'event-type', event.type));
      if (event.product) item.append(element(doc, 'span', 'event-product', event.product));
      if (event.page) item.append(element(doc, 'span', 'event-page', event.page));
      if (event.customer) item.append(element(doc, 'span', 'event-customer', `customer ${event.customer}`));
      // The verdict is the endpoint's (it holds the secret), never read from what the browser sent.
      if (event.customer && event.id && verifiedEvents.has(event.id)) item.append(element(doc, 'span', 'event-verified', 'verified'));
      list.append(item);
    }
    cell.append(list);
    return cell;
  }
  if (request.body !== null && request.body !== undefined) {
    // The log keeps a body that is not JSON as its raw text.
    const body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    const preview = body.length > BODY_PREVIEW_CHARS ? `${body.slice(0, BODY_PREVIEW_CHARS)}…` : body;
    cell.append(element(doc, 'p', 'request-body', preview));
  } else {
    cell.textContent = '—';
  }
  return cell;
}

/** Builds the table row for one recorded request, marking the customers of the events in `verifiedEvents` as verified. */
export function requestRow(doc: Document, request: RecordedRequest, verifiedEvents: ReadonlySet<string> = new Set()): HTMLTableRowElement {
  const row = element(doc, 'tr');
  row.dataset.seq = String(request.seq);
  const method = request.method.toUpperCase();
  const requestCell = element(doc, 'td', 'request');
  requestCell.append(
    element(doc, 'span', `method method--${method.toLowerCase()}`, method),
    ' ',
    breakable(element(doc, 'code', 'request-path'), request.path + queryText(request.query)),
  );
  if (typeof request.status === 'number') {
    requestCell.append(' ', element(doc, 'span', request.status < 400 ? 'http-status' : 'http-status http-status--error', `→ ${request.status}`));
  }
  row.append(timeCell(doc, request.at), requestCell, detailsCell(doc, request, verifiedEvents));
  return row;
}

/** True when `value` has the fields a row needs. */
export function isRecordedRequest(value: unknown): value is RecordedRequest {
  return isObject(value) && typeof value.seq === 'number' && typeof value.method === 'string' && typeof value.path === 'string';
}
