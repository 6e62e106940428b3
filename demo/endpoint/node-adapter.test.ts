// @vitest-environment node
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BodyTooLargeError, toNodeListener, type FetchHandler } from './node-adapter';

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
  server = undefined;
});

async function serve(handler: FetchHandler, bodyLimit?: number): Promise<string> {
  server = createServer(toNodeListener(handler, { fallbackHost: '127.0.0.1', ...(bodyLimit ? { bodyLimit } : {}) }));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Sends a request with a chunked body (no Content-Length) and answers status and text. */
function sendChunked(url: string, chunks: string[], headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: 'POST', headers }, (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (text += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, text }));
    });
    outgoing.on('error', reject);
    for (const chunk of chunks) outgoing.write(chunk);
    outgoing.end();
  });
}

describe('node adapter', () => {
  it('passes method, URL, headers and body to the handler, and status, headers and body back', async () => {
    const base = await serve(async (request, info) => {
      const body = await request.text();
      return new Response(JSON.stringify({ method: request.method, url: request.url, type: request.headers.get('content-type'), body, address: info.clientAddress }), {
        status: 201,
        headers: [['x-test', 'yes'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2']],
      });
    });
    const response = await fetch(`${base}/path?q=1`, { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-test')).toBe('yes');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.json()).toEqual({ method: 'POST', url: `${base}/path?q=1`, type: 'text/plain', body: 'hello', address: '127.0.0.1' });
  });

  it('streams a response body chunk by chunk instead of buffering it', async () => {
    let releaseSecond: () => void = () => undefined;
    const secondMayGo = new Promise<void>((resolve) => (releaseSecond = resolve));
    const base = await serve(async () => {
      const encoder = new TextEncoder();
      return new Response(
        new ReadableStream({
          async start(controller) {
            controller.enqueue(encoder.encode('first;'));
            await secondMayGo;
            controller.enqueue(encoder.encode('second'));
            controller.close();
          },
        }),
      );
    });
    const reader = (await fetch(base)).body!.getReader();
    // The first chunk arrives while the handler still holds the second back.
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first;');
    releaseSecond();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('second');
  });

  it('streams a chunked request body and lets the handler answer 413 past the limit', async () => {
    const base = await serve(async (request) => {
      try {
        return new Response(`read ${(await request.arrayBuffer()).byteLength}`);
      } catch (error) {
        const tooLarge = error instanceof BodyTooLargeError || (error instanceof Error && error.cause instanceof BodyTooLargeError);
        return new Response(tooLarge ? 'too large' : 'other failure', { status: tooLarge ? 413 : 500 });
      }
    }, 1000);
    expect(await sendChunked(base, ['a'.repeat(400), 'b'.repeat(400)])).toEqual({ status: 200, text: 'read 800' });
    expect(await sendChunked(base, ['a'.repeat(600), 'b'.repeat(600), 'c'.repeat(600)])).toEqual({ status: 413, text: 'too large' });
  });

  it('lets the handler answer a body whose Content-Length is over the limit, failing it at once unread, then closes', async () => {
    let declared: string | null = null;
    const base = await serve(async (request) => {
      declared = request.headers.get('content-length');
      try {
        await request.arrayBuffer();
        return new Response('read');
      } catch (error) {
        const tooLarge = error instanceof BodyTooLargeError || (error instanceof Error && error.cause instanceof BodyTooLargeError);
        return new Response(tooLarge ? 'too large' : 'other failure', { status: tooLarge ? 413 : 500, headers: { 'access-control-allow-origin': 'https://shop.example' } });
      }
    }, 100);
    const response = await fetch(base, { method: 'POST', body: 'x'.repeat(101) });
    expect(response.status).toBe(413);
    expect(await response.text()).toBe('too large');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(response.headers.get('connection')).toBe('close');
    expect(declared).toBe('101');
  });

  it('aborts the request signal when the client goes away', async () => {
    let aborted: () => void = () => undefined;
    const sawAbort = new Promise<void>((resolve) => (aborted = resolve));
    const base = await serve(
      (request) =>
        new Promise<Response>((resolve) => {
          request.signal.addEventListener('abort', () => {
            aborted();
            resolve(new Response('late'));
          });
        }),
    );
    const controller = new AbortController();
    const pending = fetch(base, { signal: controller.signal }).catch(() => 'aborted');
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toBe('aborted');
    await sawAbort;
  });

  it('ignores a malformed Host header and answers HEAD without a body', async () => {
    const base = await serve(async (request) => new Response(new URL(request.url).host));
    const host = await new Promise<string>((resolve, reject) => {
      const outgoing = httpRequest(`${base}/x`, { headers: { host: 'evil.example/@x' } }, (incoming) => {
        let text = '';
        incoming.on('data', (chunk: Buffer) => (text += chunk.toString()));
        incoming.on('end', () => resolve(text));
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
    expect(host).toBe('127.0.0.1');
    const head = await fetch(base, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
