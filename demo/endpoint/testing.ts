/**
 * Helpers for the endpoint's tests: calling the handler with real Fetch `Request`s,
 * a clock the test moves, and well-formed request bodies to vary.
 */
import type { RegularsEvent } from '../../src/types';
import type { ConnectionInfo, EndpointHandler } from './handler';

/** The origin the tests' requests are addressed to. */
export const TEST_ORIGIN = 'http://endpoint.test';
/** The default base URL of the endpoint under test. */
export const TEST_BASE = `${TEST_ORIGIN}/regulars`;

/** How a test request is sent. */
export interface CallOptions {
  /** Defaults to `text/plain;charset=UTF-8`, what the bundle sends. */
  contentType?: string | null;
  headers?: Record<string, string>;
  clientAddress?: string;
  /** Raw body text instead of JSON-encoding `body`. */
  raw?: string;
}

/** Calls `handler` with `method path` (path relative to the base URL, query included) and an optional JSON body. */
export function call(handler: EndpointHandler, method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  const text = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const contentType = options.contentType === undefined ? 'text/plain;charset=UTF-8' : options.contentType;
  if (text !== undefined && contentType !== null) headers.set('content-type', contentType);
  const info: ConnectionInfo = { clientAddress: options.clientAddress ?? '192.0.2.1' };
  return handler(new Request(`${TEST_BASE}${path}`, { method, headers, ...(text !== undefined ? { body: text } : {}) }), info);
}

/** Reads a JSON answer. */
export async function readJson<T = Record<string, unknown>>(response: Response): Promise<T> {
  expectJsonContentType(response);
  return (await response.json()) as T;
}

function expectJsonContentType(response: Response): void {
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/json')) throw new Error(`expected a JSON answer, got ${type || 'no content type'} (${response.status})`);
}

/** Reads a contract error answer. */
export async function readError(response: Response): Promise<{ code: string; message: string; retryAt?: string }> {
  const body = await readJson<{ error: { code: string; message: string; retryAt?: string } }>(response);
  return body.error;
}

/** A clock tests move by hand. */
export interface TestClock {
  now: () => number;
  advance(ms: number): void;
}

/** Creates a clock starting at `start` (epoch ms). */
export function createTestClock(start = Date.parse('2026-11-22T10:00:00.000Z')): TestClock {
  let time = start;
  return {
    now: () => time,
    advance(ms) {
      time += ms;
    },
  };
}

let eventCounter = 0;

/** A well-formed event, with a fresh id unless given. */
export function makeEvent(overrides: Partial<RegularsEvent> = {}): RegularsEvent {
  eventCounter += 1;
  return {
    id: `event-${eventCounter}-${crypto.randomUUID()}`,
    type: 'page_viewed',
    at: '2026-11-22T10:00:00.000Z',
    shopper: 'shopper-1',
    page: { url: 'https://shop.example/products/linen-overshirt', title: 'Linen Overshirt', referrer: '' },
    ...overrides,
  };
}
