/** Test helper: a local webhook receiver on 127.0.0.1 that records each delivery and answers as the test says. */
import { afterEach, beforeEach } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StoredEvent } from './store';

/** A running receiver: its URL, what it received, and how it answers (204 until the test changes `reply`). */
export interface Receiver {
  url: string;
  received: Array<{ body: string; signature: string; events: StoredEvent[] }>;
  reply: (request: IncomingMessage, response: ServerResponse) => void;
  close(): Promise<void>;
}

/** Starts a receiver on a free port of 127.0.0.1. */
export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    received: [],
    reply: (_, response) => response.writeHead(204).end(),
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const signature = String(request.headers['regulars-signature'] ?? '');
      receiver.received.push({ body, signature, events: (JSON.parse(body) as { events: StoredEvent[] }).events });
      receiver.reply(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/regulars`;
  return receiver;
}

/** Gives each test a receiver of its own, after `reset` (the store's), and closes it after the test. */
export function useReceiverPerTest(reset: () => Promise<void>): { readonly receiver: Receiver } {
  const state = {} as { receiver: Receiver };
  beforeEach(async () => {
    await reset();
    state.receiver = await startReceiver();
  });
  afterEach(async () => {
    await state.receiver.close();
  });
  return state;
}
