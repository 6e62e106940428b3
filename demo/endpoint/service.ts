/**
 * The standalone endpoint service: the Fetch handler on Node's HTTP server with its SQL store,
 * a request log, `GET /health`, the outbound webhook, and a graceful shutdown that stops
 * accepting, ends open chat streams, lets in-flight requests finish (bounded), then closes the database.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveWithFetchHandler, type NodeAdapterOptions } from './node-adapter';
import { withAccessLog } from './access-log';
import { createEndpointHandler, type EndpointOptions, type ReferenceEndpointHandler } from './handler';
import { healthResponse } from './health';
import { DEFAULT_BODY_LIMIT, json } from './http';
import { describeError, type Log } from './json-log';
import { openServiceStore } from './open-store';
import type { ServiceConfig } from './service-config';
import type { ShopOptions } from './shop-options';
import type { EndpointStore } from './store';
import { createWebhookForwarder, type WebhookForwarder } from './webhook-forwarder';
import { createSqlWebhookQueue } from './webhook-queue';

/** A running service. */
export interface EndpointService {
  /** Origin with a trailing slash, such as `http://127.0.0.1:8787/`. */
  url: string;
  /** Base URL of the endpoint, such as `http://127.0.0.1:8787/regulars`. */
  endpointUrl: string;
  /** Where state lives, for the start message. */
  storeDescription: string;
  store: EndpointStore;
  /** Requests being answered right now. */
  inFlight(): number;
  /**
   * Stops gracefully: no new connections, `/health` answers 503, in-flight requests finish (up to
   * `shutdownMs`), the webhook sender stops, and the database closes. Safe to call twice.
   */
  close(): Promise<void>;
}

/** What the service runs with besides its configuration. */
export interface ServiceDependencies {
  log: Log;
  /** The shop's options (wheel, chat, product lookup). */
  shop?: ShopOptions;
  /** `fetch` of the webhook sender (tests point it elsewhere). */
  fetch?: typeof fetch;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Opens the store, starts listening and the webhook sender; resolves once requests are served. */
export async function startEndpointService(config: ServiceConfig, dependencies: ServiceDependencies): Promise<EndpointService> {
  const { log } = dependencies;
  let forwarder: WebhookForwarder | null = null;
  const opened = await openServiceStore(config, {
    forwardEvents: config.webhook !== null,
    onEventsQueued: () => forwarder?.wake(),
    onIdleError: (error) => log({ level: 'warn', msg: 'database connection lost', ...describeError(error) }),
  });
  const { client, store } = opened;
  const webhookQueue = createSqlWebhookQueue(client);

  const options: EndpointOptions = {
    ...dependencies.shop,
    basePath: config.basePath,
    store,
    allowedOrigins: config.allowedOrigins,
    trustProxy: config.trustProxy,
    ...(config.agentToken !== null ? { agentToken: config.agentToken } : {}),
    ...(config.identitySecret !== null ? { identitySecret: config.identitySecret } : {}),
    ...(config.rateLimits ? { rateLimits: config.rateLimits } : {}),
    ...(config.webhook !== null
      ? {
          webhooks: {
            givenUp: () => webhookQueue.givenUp(),
            async resend(selection) {
              const resent = await webhookQueue.resend(selection);
              // Sent now rather than at the next poll.
              if (resent > 0) forwarder?.wake();
              return resent;
            },
          },
        }
      : {}),
    onError: (error) => log({ level: 'error', msg: 'unexpected error', ...describeError(error) }),
  };
  let endpoint: ReferenceEndpointHandler;
  try {
    endpoint = createEndpointHandler(options);
  } catch (error) {
    await client.close();
    throw error;
  }

  let draining = false;
  const handler = withAccessLog(async (request, info) => {
    // Health at the root as well as under the base path: what load balancers probe by default.
    if (new URL(request.url).pathname === '/health') {
      if (draining) return json(503, { status: 'draining' }, { 'retry-after': '5' });
      return healthResponse(store);
    }
    return endpoint(request, info);
  }, log);

  const bodyLimit = dependencies.shop?.bodyLimit ?? DEFAULT_BODY_LIMIT;
  // Twice the handler's limit, so a streamed body hits the handler's own check first; past the adapter's, the
  // handler still answers (a logged 413 with CORS headers, naming the handler's limit), without reading the body.
  const adapter: NodeAdapterOptions = { fallbackHost: config.host, bodyLimit: bodyLimit * 2 };
  let inFlight = 0;
  let onIdle: (() => void) | null = null;

  const server = createServer({ maxHeaderSize: 16 * 1024, requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 }, (request, response) => {
    inFlight += 1;
    response.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) onIdle?.();
    });
    // A request that arrives on a kept-alive connection while draining is still answered, then the connection ends.
    if (draining) response.setHeader('connection', 'close');
    void serveWithFetchHandler(handler, adapter, request, response);
  });

  try {
    await listen(server, config.port, config.host);
  } catch (error) {
    await client.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const hostInUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
  adapter.fallbackHost = `${hostInUrl}:${port}`;
  const url = `http://${hostInUrl}:${port}/`;

  if (config.webhook) {
    forwarder = createWebhookForwarder({
      url: config.webhook.url,
      secret: config.webhook.secret,
      queue: webhookQueue,
      ...(dependencies.fetch ? { fetch: dependencies.fetch } : {}),
      log,
    });
    forwarder.start();
  }

  let closing: Promise<void> | null = null;
  async function shutDown(): Promise<void> {
    draining = true;
    // Chat streams last up to a minute; ended now, their clients reconnect to another instance (or poll).
    endpoint.closeStreams();
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    if (inFlight > 0) {
      const idle = new Promise<void>((resolve) => (onIdle = resolve));
      await Promise.race([idle, delay(config.shutdownMs)]);
    }
    const cut = inFlight;
    server.closeAllConnections();
    await stopped;
    await forwarder?.stop();
    await client.close();
    if (cut > 0) log({ level: 'warn', msg: 'shutdown cut requests short', requests: cut, afterMs: config.shutdownMs });
  }

  return {
    url,
    endpointUrl: `${url.slice(0, -1)}${config.basePath}`,
    storeDescription: opened.description,
    store,
    inFlight: () => inFlight,
    close() {
      closing ??= shutDown();
      return closing;
    },
  };
}
