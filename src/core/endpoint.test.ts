import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEndpointClient, EndpointError } from './endpoint';

const client = () => createEndpointClient('https://shop.example/regulars', () => ({ shopper: 'shopper-1' }));

/** A body that sends half its JSON and then nothing, never closing; it errors on abort, as a browser's fetch body does when its signal fires. */
function stalledBody(signal: AbortSignal | null | undefined): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"segments": [{"label": "10%'));
      signal?.addEventListener('abort', () => controller.error(signal.reason));
    },
  });
}

describe('endpoint client', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('answers with the parsed JSON and leaves no timer behind', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', vi.fn(async () => Response.json({ segments: [] })));
    await expect(client().request('/wheel')).resolves.toEqual({ segments: [] });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('times out when the headers arrive but the body stalls', async () => {
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init: RequestInit) => new Response(stalledBody(init.signal), { status: 200 })));
    const failure = await client().request('/wheel', { timeoutMs: 50 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EndpointError);
    expect(failure).toMatchObject({ code: 'timeout', status: 0 });
  }, 3000);

  it('times out on a stalled body even when a fetch wrapper leaves it deaf to the abort signal', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(stalledBody(null), { status: 200 })));
    await expect(client().request('/wheel', { timeoutMs: 50 })).rejects.toMatchObject({ code: 'timeout', status: 0 });
  }, 3000);

  it('reports a body cut off midway as a network failure, and clears its timer', async () => {
    vi.useFakeTimers();
    const broken = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"segm'));
        controller.error(new TypeError('connection reset'));
      },
    });
    vi.stubGlobal('fetch', vi.fn(async () => new Response(broken, { status: 200 })));
    await expect(client().request('/wheel')).rejects.toMatchObject({ code: 'network', status: 0 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('classifies an error answer by its body, as before', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Response.json({ error: { code: 'invalid_email', message: 'email is not valid' } }, { status: 400 })));
    await expect(client().request('/wheel/spin', { body: { email: 'x' } })).rejects.toMatchObject({ code: 'invalid_email', status: 400 });
  });
});
