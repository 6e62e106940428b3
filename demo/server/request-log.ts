/**
 * The log of every request the demo's endpoint received, so the events page and the
 * end-to-end tests can see exactly what the bundle sent.
 */

/** One request the endpoint received. */
export interface ReceivedRequest {
  /** 1 for the first request after a reset, then increasing. */
  seq: number;
  method: string;
  /** Path below the endpoint's base path, such as `/events`. */
  path: string;
  query: Record<string, string>;
  /** The body parsed as JSON; the raw text (first 4 KB) when it is not JSON; null when there is none. */
  body: unknown;
  contentType: string | null;
  origin: string | null;
  /** ISO 8601 time of arrival. */
  at: string;
  /** The status answered, once answered. */
  status?: number;
}

/** What a request looked like when it arrived. */
export type ArrivingRequest = Omit<ReceivedRequest, 'seq' | 'at' | 'status'>;

/** The request log. */
export interface RequestLog {
  /** Logs a request and returns its entry (whose `status` is filled in later). */
  record(request: ArrivingRequest, at: number): ReceivedRequest;
  /** Entries with `seq` above `since`, oldest first. */
  since(since: number): ReceivedRequest[];
  clear(): void;
}

/** Parses a body for the log without ever failing. */
export function bodyForLog(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 4096);
  }
}

/** Creates an empty log that keeps the newest `max` entries. */
export function createRequestLog(max = 5000): RequestLog {
  let entries: ReceivedRequest[] = [];
  let seq = 0;
  return {
    record(request, at) {
      seq += 1;
      const entry: ReceivedRequest = { seq, ...request, at: new Date(at).toISOString() };
      entries.push(entry);
      if (entries.length > max) entries = entries.slice(-max);
      return entry;
    },
    since(since) {
      return entries.filter((entry) => entry.seq > since).map((entry) => structuredClone(entry));
    },
    clear() {
      entries = [];
      seq = 0;
    },
  };
}
