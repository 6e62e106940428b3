/**
 * The demo server: the demo store's pages and the built bundle, the reference endpoint under
 * `/regulars` (behind the failure-mode gate), and the demo's control routes under `/demo-api/`.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createEndpointHandler, type EndpointOptions } from '../endpoint/handler';
import { createMemoryStore, type EndpointStore } from '../endpoint/store';
import { createDemoApi, DEMO_API_PREFIX } from './demo-api';
import { DEMO_AGENT_TOKEN, DEMO_CHANNELS, DEMO_IDENTITY_SECRET, DEMO_REPLY_TIME_MINUTES, DEMO_WHEEL } from './demo-endpoint-config';
import { createEndpointGate } from './endpoint-gate';
import { createLiveCatalog } from './live-catalog';
import { serveWithFetchHandler, type NodeAdapterOptions } from '../endpoint/node-adapter';
import { createRequestLog } from './request-log';
import { createStaticHandler } from './static';

/** Where the demo's endpoint lives on the demo server. */
export const DEMO_ENDPOINT_PATH = '/regulars';

/** Options of `startDemoServer`. */
export interface DemoServerOptions {
  /** Port to listen on; 0 picks a free one (default 5173). */
  port?: number;
  /** Interface to bind (default 127.0.0.1: the demo is never exposed to the network by default). */
  host?: string;
  /** Repository root whose index.html, demo/ and dist/ are served (default: this checkout). */
  root?: string;
  /** Delay of the endpoint's `slow` mode (default 10 s). */
  slowMs?: number;
  /** Overrides of the endpoint's options (the store, base path and product lookup stay the demo's). */
  endpoint?: Omit<EndpointOptions, 'store' | 'basePath' | 'products'>;
  /** Where the endpoint keeps its state (default: a new in-memory store, what tests use). */
  store?: EndpointStore;
}

/** A running demo server. */
export interface DemoServer {
  /** Origin with a trailing slash, such as `http://127.0.0.1:5173/`. */
  url: string;
  /** Base URL of the reference endpoint, such as `http://127.0.0.1:5173/regulars`. */
  endpointUrl: string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

function isUnder(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

function pathnameOf(request: IncomingMessage): string {
  return (request.url ?? '/').split('?')[0]!;
}

/** Starts the demo server and resolves once it listens. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const host = options.host ?? '127.0.0.1';
  const root = options.root ?? fileURLToPath(new URL('../..', import.meta.url));
  const store = options.store ?? createMemoryStore();
  const catalog = createLiveCatalog();
  const log = createRequestLog();
  const endpointOptions: EndpointOptions = {
    allowedOrigins: '*',
    wheel: DEMO_WHEEL,
    chat: { channels: DEMO_CHANNELS, replyTimeMinutes: DEMO_REPLY_TIME_MINUTES },
    agentToken: DEMO_AGENT_TOKEN,
    identitySecret: DEMO_IDENTITY_SECRET,
    ...options.endpoint,
    store,
    basePath: DEMO_ENDPOINT_PATH,
    products: (queries) => catalog.lookup(queries),
  };
  const gate = createEndpointGate({
    handler: createEndpointHandler(endpointOptions),
    log,
    basePath: DEMO_ENDPOINT_PATH,
    allowedOrigins: endpointOptions.allowedOrigins ?? '*',
    ...(options.slowMs !== undefined ? { slowMs: options.slowMs } : {}),
  });
  const demoApi = createDemoApi({ store, log, gate, catalog, identitySecret: endpointOptions.identitySecret ?? DEMO_IDENTITY_SECRET });
  const serveStatic = createStaticHandler({ root });
  const adapter: NodeAdapterOptions = { fallbackHost: host };

  const server = createServer((request, response) => {
    const pathname = pathnameOf(request);
    if (isUnder(pathname, DEMO_ENDPOINT_PATH)) {
      // "Down" is a dead connection, not an answer: the browser sees a network error, and nothing is logged.
      if (gate.mode() === 'down') {
        request.socket.destroy();
        return;
      }
      void serveWithFetchHandler(gate.handle, adapter, request, response);
    } else if (isUnder(pathname, DEMO_API_PREFIX)) {
      void serveWithFetchHandler(demoApi, adapter, request, response);
    } else {
      void serveWithFetchHandler(serveStatic, adapter, request, response);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 5173, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  adapter.fallbackHost = `${hostInUrl}:${port}`;
  const url = `http://${hostInUrl}:${port}/`;
  return {
    url,
    endpointUrl: `${url.slice(0, -1)}${DEMO_ENDPOINT_PATH}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive and stalled ("slow") connections would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
