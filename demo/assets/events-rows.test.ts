import { describe, expect, it } from 'vitest';
import { queryText, requestRow, summariseEvents, type RecordedRequest } from './events-rows';

const request = (overrides: Partial<RecordedRequest>): RecordedRequest => ({
  seq: 1,
  method: 'POST',
  path: '/events',
  query: {},
  body: null,
  contentType: 'text/plain;charset=UTF-8',
  origin: null,
  at: '2026-11-22T10:00:05.000Z',
  ...overrides,
});

const eventsBody = {
  events: [
    { id: 'a', type: 'page_viewed', page: { url: 'http://127.0.0.1:5173/demo/category.html', title: 'Shop', referrer: '' } },
    {
      id: 'b',
      type: 'product_viewed',
      page: { url: 'http://127.0.0.1:5173/demo/products/wool-beanie.html?ref=home', title: 'Wool Beanie', referrer: '' },
      product: { id: 'rg-1005', name: 'Wool Beanie' },
    },
  ],
};

describe('summariseEvents', () => {
  it('lists each event of a batch with its type, product name and page path', () => {
    expect(summariseEvents(request({ body: eventsBody }))).toEqual([
      { id: 'a', type: 'page_viewed', product: null, page: '/demo/category.html', customer: null },
      { id: 'b', type: 'product_viewed', product: 'Wool Beanie', page: '/demo/products/wool-beanie.html?ref=home', customer: null },
    ]);
  });

  it('returns null for other requests and tolerates malformed events', () => {
    expect(summariseEvents(request({ path: '/accounts', body: { email: 'a@b.example' } }))).toBeNull();
    expect(summariseEvents(request({ body: 'not json' }))).toBeNull();
    expect(summariseEvents(request({ body: { events: [null, { type: 42, product: 'x', page: { url: 7 } }] } }))).toEqual([
      { id: null, type: '(no type)', product: null, page: null, customer: null },
      { id: null, type: '(no type)', product: null, page: null, customer: null },
    ]);
  });
});

describe('queryText', () => {
  it('renders the query whether the log kept it as an object or a string', () => {
    expect(queryText({ shopper: 'abc', after: '2' })).toBe('?shopper=abc&after=2');
    expect(queryText('shopper=abc')).toBe('?shopper=abc');
    expect(queryText('?a=1')).toBe('?a=1');
    expect(queryText({})).toBe('');
    expect(queryText(null)).toBe('');
  });
});

describe('requestRow', () => {
  it('shows time, method, path with query, status and the events of a batch', () => {
    const row = requestRow(document, request({ seq: 7, body: eventsBody, status: 204 }));
    const [time, requestCell, details] = Array.from(row.cells);
    expect(time!.tagName).toBe('TH');
    expect(time!.querySelector('time')!.dateTime).toBe('2026-11-22T10:00:05.000Z');
    expect(requestCell!.textContent).toBe('POST /events → 204');
    expect(Array.from(details!.querySelectorAll('li'), (item) => item.textContent)).toEqual([
      'page_viewed/demo/category.html',
      'product_viewedWool Beanie/demo/products/wool-beanie.html?ref=home',
    ]);
  });

  it('names the customer of an event and marks it verified only when the endpoint verified that event', () => {
    const body = {
      events: [
        { id: 'v', type: 'page_viewed', customer: '123', page: { url: '/demo/category.html' } },
        { id: 'c', type: 'page_viewed', customer: '999', customerVerified: true, page: { url: '/demo/category.html' } },
        { id: 'n', type: 'page_viewed', page: { url: '/demo/category.html' } },
      ],
    };
    const items = Array.from(requestRow(document, request({ body }), new Set(['v', 'n'])).querySelectorAll('li'));
    expect(items.map((item) => item.querySelector('.event-customer')?.textContent ?? null)).toEqual(['customer 123', 'customer 999', null]);
    // What the browser claims about itself counts for nothing; an event without a customer has nothing to verify.
    expect(items.map((item) => item.querySelector('.event-verified')?.textContent ?? null)).toEqual(['verified', null, null]);
    expect(requestRow(document, request({ body })).querySelector('.event-verified')).toBeNull();
  });

  it('marks failed answers and shows the query of a GET', () => {
    const row = requestRow(document, request({ method: 'get', path: '/wheel', query: { shopper: 's1' }, status: 503 }));
    expect(row.cells[1]!.textContent).toBe('GET /wheel?shopper=s1 → 503');
    expect(row.cells[1]!.querySelector('.http-status--error')).not.toBeNull();
    expect(row.cells[2]!.textContent).toBe('—');
  });

  it('keeps hostile text as text', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const row = requestRow(
      document,
      request({
        path: '/chat/messages',
        body: { text: hostile },
      }),
    );
    const batch = requestRow(document, request({ body: { events: [{ type: hostile, product: { name: hostile }, page: { url: 'javascript:alert(1)' } }] } }));
    for (const built of [row, batch]) {
      expect(built.querySelector('img, script, [onerror]')).toBeNull();
      expect(built.textContent).toContain(hostile);
    }
  });

  it('shows a body the log kept as raw text, shortened when long', () => {
    const row = requestRow(document, request({ path: '/accounts', body: `{"email":"${'x'.repeat(400)}` }));
    const text = row.cells[2]!.textContent!;
    expect(text.startsWith('{"email":"xxx')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text.length).toBe(241);
  });
});
