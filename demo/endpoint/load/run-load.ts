/**
 * The endpoint's load test on loopback: the standalone server as a child process with PGlite in a
 * temporary directory, `/events` batches from concurrent clients, then the same while the server
 * is killed (SIGKILL) and, separately, restarted (SIGTERM) mid-load. Clients retry failed batches
 * with the same event ids; at the end the stored events must equal the sent ones exactly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from '../migrate';
import { openPglite } from '../pglite-client';
import { startEndpointProcess, type EndpointProcess } from './child-server';

/** What to run. */
export interface LoadOptions {
  /** Events per phase (default 20 000). */
  events?: number;
  /** Events per request (default 50, the contract's maximum). */
  batchSize?: number;
  /** Requests in flight at once (default 16). */
  concurrency?: number;
  /** Hard limit of the whole run (default 120 s). */
  timeoutMs?: number;
  /** Progress lines (default: none). */
  progress?: (line: string) => void;
}

/** The figures of one phase. */
export interface PhaseReport {
  phase: string;
  events: number;
  batches: number;
  /** Every request sent, retries included. */
  requests: number;
  retried: number;
  seconds: number;
  /** Accepted batches per second. */
  requestsPerSecond: number;
  eventsPerSecond: number;
  /** Latency of accepted requests, in milliseconds. */
  p50: number;
  p99: number;
}

/** The whole run: the phases and the final count. */
export interface LoadReport {
  phases: PhaseReport[];
  sent: number;
  stored: number;
  /** Sent but not stored. */
  lost: number;
  /** Stored more than once (rows minus distinct ids). */
  duplicated: number;
  /** Stored but never sent. */
  unexpected: number;
}

type Batch = { id: number; body: string; ids: string[] };

const PRODUCTS = ['rg-1001', 'rg-1002', 'rg-1003', 'rg-1004', 'rg-1005', 'rg-1006'];

function makeBatches(phase: string, events: number, batchSize: number): Batch[] {
  const batches: Batch[] = [];
  for (let start = 0, id = 0; start < events; start += batchSize, id += 1) {
    const list = Array.from({ length: Math.min(batchSize, events - start) }, (_, offset) => {
      const index = start + offset;
      const product = PRODUCTS[index % PRODUCTS.length]!;
      return {
        id: `${phase}-${index}-${crypto.randomUUID()}`,
        type: index % 3 === 0 ? 'page_viewed' : 'product_viewed',
        at: new Date().toISOString(),
        // A batch comes from one browser, so it names one shopper.
        shopper: `load-shopper-${id % 500}`,
        page: { url: `https://shop.example/products/${product}`, title: 'Linen Overshirt', referrer: '' },
        ...(index % 3 === 0
          ? {}
          : { product: { id: product, name: 'Linen Overshirt', url: `https://shop.example/products/${product}`, image: null, price: 89, currency: 'EUR', sku: product.toUpperCase(), availability: 'in_stock' } }),
      };
    });
    batches.push({ id, body: JSON.stringify({ events: list }), ids: list.map((event) => event.id) });
  }
  return batches;
}

function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Sends `batches` with `concurrency` workers to the URL `target()` answers at the time of each
 * request; a batch is retried (same ids) until it is answered 204. `onAccepted` sees each count.
 */
async function sendAll(
  batches: readonly Batch[],
  concurrency: number,
  target: () => string,
  deadline: number,
  onAccepted: (accepted: number) => void,
): Promise<{ latencies: number[]; requests: number; retried: number }> {
  const latencies: number[] = [];
  let next = 0;
  let requests = 0;
  let retried = 0;
  let accepted = 0;
  async function worker(): Promise<void> {
    for (;;) {
      const batch = batches[next];
      next += 1;
      if (!batch) return;
      for (let attempt = 0; ; attempt += 1) {
        if (Date.now() > deadline) throw new Error('The load test ran out of time.');
        requests += 1;
        const started = performance.now();
        let status = 0;
        try {
          const response = await fetch(`${target()}/events?v=1`, { method: 'POST', body: batch.body, headers: { 'content-type': 'text/plain;charset=UTF-8' } });
          status = response.status;
          await response.arrayBuffer();
        } catch {
          // The server is down or cut the connection: the batch may or may not be stored, so it goes again.
        }
        if (status === 204) {
          latencies.push(performance.now() - started);
          accepted += 1;
          onAccepted(accepted);
          break;
        }
        if (status !== 0 && status !== 429 && status < 500) throw new Error(`Batch ${batch.id} was refused with ${status}.`);
        retried += 1;
        await delay(Math.min(1_000, 50 * 2 ** attempt));
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, requests, retried };
}

/** Runs the load test and answers its report; the child server never outlives it. */
export async function runLoad(options: LoadOptions = {}): Promise<LoadReport> {
  const events = options.events ?? 20_000;
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 16;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const progress = options.progress ?? (() => undefined);
  const sandbox = mkdtempSync(path.join(tmpdir(), 'regulars-load-'));
  const dataDir = path.join(sandbox, 'data');
  // Limits stay on (their cost is part of every request) but high enough for one machine's flood.
  const env = { REGULARS_RATE_LIMITS: JSON.stringify({ events: { max: 10_000_000, maxPerShopper: 10_000_000 } }) };
  let server: EndpointProcess | null = null;
  let restarting: Promise<void> | null = null;
  const sentIds: string[] = [];
  const phases: PhaseReport[] = [];

  const start = async (port?: number): Promise<EndpointProcess> => {
    server = await startEndpointProcess({ dataDir, env, ...(port !== undefined ? { port } : {}), timeoutMs: Math.max(1_000, deadline - Date.now()) });
    return server;
  };

  async function phase(name: string, interruption: NodeJS.Signals | null): Promise<void> {
    const batches = makeBatches(name.split(' ')[0]!, events, batchSize);
    for (const batch of batches) sentIds.push(...batch.ids);
    const url = server!.endpointUrl;
    const interruptAt = Math.max(1, Math.floor(batches.length / 3));
    const started = performance.now();
    const result = await sendAll(batches, concurrency, () => url, deadline, (accepted) => {
      if (interruption === null || accepted !== interruptAt || restarting !== null) return;
      // Mid-load: stop the server the hard or the gentle way, then start it again on the same data and port.
      const victim = server!;
      progress(`${name}: ${interruption} after ${accepted} accepted batches`);
      restarting = victim.stop(interruption).then(async () => {
        await start(victim.port);
        progress(`${name}: restarted`);
      });
    });
    await restarting;
    restarting = null;
    const seconds = (performance.now() - started) / 1000;
    const sorted = [...result.latencies].sort((a, b) => a - b);
    phases.push({
      phase: name,
      events,
      batches: batches.length,
      requests: result.requests,
      retried: result.retried,
      seconds,
      requestsPerSecond: batches.length / seconds,
      eventsPerSecond: events / seconds,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
    });
    progress(`${name}: done in ${seconds.toFixed(1)} s`);
  }

  const overtime = setTimeout(() => {
    (server as EndpointProcess | null)?.child.kill('SIGKILL');
  }, Math.max(0, deadline - Date.now()) + 5_000);
  try {
    await start();
    progress(`server on ${server!.endpointUrl}, data in ${dataDir}`);
    await phase('throughput', null);
    await phase('crash (SIGKILL mid-load)', 'SIGKILL');
    await phase('restart (SIGTERM mid-load)', 'SIGTERM');
    const exit = await server!.stop('SIGTERM');
    if (exit.code !== 0) throw new Error(`The endpoint did not stop cleanly (${exit.code ?? exit.signal}).`);
    server = null;

    // Count what the database holds, with the server gone.
    const client = await openPglite(dataDir);
    try {
      await migrate(client);
      const rows = await client.query<{ id: string }>('SELECT id FROM regulars_events');
      const [totals] = await client.query<{ all: number; distinct: number }>('SELECT count(*) AS all, count(DISTINCT id) AS distinct FROM regulars_events');
      const stored = new Set(rows.map((row) => row.id));
      const sent = new Set(sentIds);
      return {
        phases,
        sent: sent.size,
        stored: Number(totals!.all),
        lost: [...sent].filter((id) => !stored.has(id)).length,
        duplicated: Number(totals!.all) - Number(totals!.distinct),
        unexpected: [...stored].filter((id) => !sent.has(id)).length,
      };
    } finally {
      await client.close();
    }
  } finally {
    clearTimeout(overtime);
    await (restarting as Promise<void> | null)?.catch(() => undefined);
    await (server as EndpointProcess | null)?.stop('SIGKILL');
    rmSync(sandbox, { recursive: true, force: true });
  }
}

/** The report as a plain-text table. */
export function formatReport(report: LoadReport): string {
  const header = ['phase', 'events', 'batches', 'requests', 'retried', 'seconds', 'batches/s', 'events/s', 'p50 ms', 'p99 ms'];
  const rows = report.phases.map((phase) => [
    phase.phase,
    String(phase.events),
    String(phase.batches),
    String(phase.requests),
    String(phase.retried),
    phase.seconds.toFixed(1),
    phase.requestsPerSecond.toFixed(0),
    phase.eventsPerSecond.toFixed(0),
    phase.p50.toFixed(1),
    phase.p99.toFixed(1),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
    `sent ${report.sent} events, stored ${report.stored}: lost ${report.lost}, duplicated ${report.duplicated}, unexpected ${report.unexpected}`,
  ].join('\n');
}
