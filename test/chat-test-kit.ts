/**
 * What the chat's component tests share: the reference endpoint they talk to, and a fake clock
 * that still lets IndexedDB (fake-indexeddb, on the real setImmediate) and module loading keep up.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { createEndpointHandler, type EndpointOptions } from '../demo/endpoint/handler';
import type { WidgetHandle } from '../src/types';
import type { TestContext, TestEndpoint } from './widget-context';

// The endpoint URL the test context routes to the reference handler.
const BASE = 'https://shop.example/regulars';
// The agent inbox token of the reference handler the tests create.
const AGENT_TOKEN = 'demo-agent-token';

// Captured before a test fakes timers: module loading (locale packs, the panel chunk) takes real time.
const realSetTimeout = setTimeout;

/** The reference endpoint with an agent inbox and no chat rate limit. */
export function reference(options: EndpointOptions = {}): ReturnType<typeof createEndpointHandler> {
  return createEndpointHandler({ agentToken: AGENT_TOKEN, rateLimits: { chat: false }, onError: () => {}, ...options });
}

/** Lets storage, fetches and renders settle: real macrotasks for IndexedDB, fake time advanced by `ms`. */
export async function settle(ms = 0): Promise<void> {
  for (let round = 0; round < 15; round += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    await vi.advanceTimersByTimeAsync(round === 0 ? ms : 0);
  }
}

/** Lets `ms` of fake time pass in steps of `step`, so work that waits on IndexedDB between timers keeps up. */
export async function elapse(ms: number, step = 250): Promise<void> {
  for (let passed = 0; passed < ms; passed += step) await settle(Math.min(step, ms - passed));
}

/** Waits (advancing fake time in small steps) until `check` passes. */
export async function until<T>(check: () => T | Promise<T>, stepMs = 50, steps = 200): Promise<T> {
  let last: unknown;
  for (let step = 0; step < steps; step += 1) {
    try {
      return await check();
    } catch (error) {
      last = error;
    }
    await settle(stepMs);
    await new Promise((resolve) => realSetTimeout(resolve, 2));
  }
  throw last;
}

/** A chat a test mounted. */
export interface MountedChat {
  test: TestContext;
  handle: WidgetHandle;
}

/**
 * Fakes the widget's clocks in each test (IndexedDB keeps the real setImmediate) and, after it,
 * unmounts the chats pushed onto the returned list and restores timers and globals.
 */
export function useChatTestClock(): MountedChat[] {
  const mounted: MountedChat[] = [];
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    for (const chat of mounted.splice(0)) {
      chat.handle.unmount();
      chat.test.context.host.remove();
    }
    // Preact runs effects from one fake timer it schedules while none is pending: dropped with the fake clock,
    // it would leave its queue non-empty and the next test's effects would never run.
    vi.runOnlyPendingTimers();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  return mounted;
}

/** Calls an agent route of the reference endpoint, as the inbox page does. */
export async function agent<T>(endpoint: TestEndpoint, path: string, body?: unknown): Promise<T> {
  const response = await endpoint(
    new Request(BASE + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${AGENT_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  return (await response.json()) as T;
}
