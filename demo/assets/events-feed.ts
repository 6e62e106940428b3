/**
 * The events page's live feed: polls what the reference endpoint received (`GET /demo-api/requests?since=<seq>`
 * answers the entries with a higher `seq`, oldest first) every second, shows them newest first, announces
 * new arrivals politely, and resets the demo data on request. When new events name a customer it also
 * reads what the endpoint kept (`GET /demo-api/events`) to learn which customers it verified.
 */
import { isObject, isRecordedRequest, requestRow, summariseEvents, type RecordedRequest } from './events-rows';

/** The elements of the events page the script drives. */
export interface EventsPageElements {
  rows: HTMLTableSectionElement;
  empty: HTMLElement;
  status: HTMLElement;
  connection: HTMLElement;
  reset: HTMLButtonElement;
}

/** How many rows the table keeps; older ones drop off the bottom so a long demo stays fast. */
export const MAX_ROWS = 500;

const POLL_INTERVAL_MS = 1000;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The ids of the kept events whose customer the endpoint verified; none when the demo server cannot say. */
async function verifiedEventIds(fetcher: typeof fetch): Promise<Set<string>> {
  try {
    const response = await fetcher('/demo-api/events', { cache: 'no-store', headers: { accept: 'application/json' } });
    const answer: unknown = response.ok ? await response.json() : null;
    if (!isObject(answer) || !Array.isArray(answer.events)) return new Set();
    const ids = new Set<string>();
    for (const event of answer.events as unknown[]) {
      if (isObject(event) && event.customerVerified === true && typeof event.id === 'string') ids.add(event.id);
    }
    return ids;
  } catch {
    // The marks are a bonus: the requests still show without them.
    return new Set();
  }
}

/** Starts polling and wires the reset button; returns a function that stops both. */
export function startEventsPage(
  doc: Document,
  ui: EventsPageElements,
  fetcher: typeof fetch = (input, init) => fetch(input, init),
  intervalMs = POLL_INTERVAL_MS,
): () => void {
  // The newest entry shown, and when it arrived: asking from just below it proves the log still holds it.
  let newest: { seq: number; at: RecordedRequest['at'] } | null = null;
  let shown = 0;
  let seen = new Set<number>();
  // Bumped by a reset so an answer that was in flight before it cannot bring old rows back.
  let generation = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failing = false;

  const clear = () => {
    ui.rows.replaceChildren();
    seen = new Set();
    newest = null;
    shown = 0;
    ui.empty.hidden = false;
  };

  const add = (requests: RecordedRequest[], verifiedEvents: ReadonlySet<string>) => {
    const fresh = requests.filter((request) => !seen.has(request.seq)).sort((a, b) => a.seq - b.seq);
    for (const request of fresh) {
      seen.add(request.seq);
      ui.rows.prepend(requestRow(doc, request, verifiedEvents));
      if (!newest || request.seq > newest.seq) newest = { seq: request.seq, at: request.at };
    }
    while (ui.rows.children.length > MAX_ROWS) ui.rows.lastElementChild?.remove();
    if (!fresh.length) return;
    // The first answer is what was already there; only later ones are news.
    const first = shown === 0;
    shown += fresh.length;
    ui.empty.hidden = true;
    ui.status.textContent = first
      ? `${plural(shown, 'request')} received`
      : `${plural(fresh.length, 'new request')}, ${shown} in total`;
  };

  const setFailing = (next: boolean) => {
    if (next === failing) return;
    failing = next;
    ui.connection.hidden = !next;
    ui.connection.textContent = next ? 'The demo server is not answering. Retrying every second…' : '';
  };

  const poll = async () => {
    const asked = generation;
    let again = intervalMs;
    try {
      const known = newest;
      const since = known ? known.seq - 1 : 0;
      const response = await fetcher(`/demo-api/requests?since=${since}`, {
        cache: 'no-store',
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const answer: unknown = await response.json();
      if (asked !== generation || stopped) return;
      if (!isObject(answer) || !Array.isArray(answer.requests)) throw new Error('unexpected answer');
      const requests = answer.requests.filter(isRecordedRequest);
      setFailing(false);
      const stillThere = !known || requests.some((request) => request.seq === known.seq && request.at === known.at);
      if (!stillThere) {
        // The log was reset elsewhere (another tab, a test, a restarted server) and counts from 1 again.
        clear();
        ui.status.textContent = 'The demo data was reset. Waiting for new requests…';
        again = 0;
        return;
      }
      const namesCustomer = requests.some((request) => !seen.has(request.seq) && summariseEvents(request)?.some((event) => event.customer));
      const verifiedEvents = namesCustomer ? await verifiedEventIds(fetcher) : new Set<string>();
      if (asked !== generation || stopped) return;
      add(requests, verifiedEvents);
    } catch {
      if (asked === generation && !stopped) setFailing(true);
    } finally {
      if (!stopped) timer = setTimeout(poll, again);
    }
  };

  // aria-disabled, not disabled: disabling the focused button would drop the keyboard user's focus to <body>.
  let resetting = false;
  const onReset = async () => {
    if (resetting) return;
    resetting = true;
    ui.reset.setAttribute('aria-disabled', 'true');
    try {
      const response = await fetcher('/demo-api/reset', { method: 'POST' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      generation += 1;
      clear();
      ui.status.textContent = 'Demo data reset. Waiting for new requests…';
    } catch (error) {
      ui.status.textContent = `Could not reset the demo data (${error instanceof Error ? error.message : 'network error'}).`;
    } finally {
      resetting = false;
      ui.reset.removeAttribute('aria-disabled');
    }
  };

  ui.reset.addEventListener('click', onReset);
  void poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
    ui.reset.removeEventListener('click', onReset);
  };
}

/** Finds the events page's elements, or returns null on any other page. */
export function findEventsPageElements(doc: Document): EventsPageElements | null {
  const rows = doc.getElementById('events-rows');
  const empty = doc.getElementById('events-empty');
  const status = doc.getElementById('events-status');
  const connection = doc.getElementById('events-connection');
  const reset = doc.getElementById('events-reset');
  if (rows?.tagName !== 'TBODY' || !empty || !status || !connection || reset?.tagName !== 'BUTTON') return null;
  return { rows: rows as HTMLTableSectionElement, empty, status, connection, reset: reset as HTMLButtonElement };
}
