/**
 * `npm run endpoint -- webhooks`: shows the webhook deliveries the endpoint gave up on and, with
 * `--resend`, queues them again, on the store the server uses (the same flags and variables). It
 * opens the database itself and starts no HTTP server. A PGlite directory admits one process, so
 * while a server holds it the command names the server's agent route instead (agent-webhooks.ts).
 */
import { DirectoryLockedError } from './data-dir-lock';
import { openServiceStore, type OpenedServiceStore } from './open-store';
import { PGLITE_MEMORY, pgliteDatabaseExists } from './pglite-client';
import { ConfigError, readServiceConfig, type ServiceConfig } from './service-config';
import { createSqlWebhookQueue, type GivenUpSummary } from './webhook-queue';

/** The first argument that selects this command instead of the server. */
export const WEBHOOKS_COMMAND = 'webhooks';

/** The usage text of `npm run endpoint -- webhooks --help`. */
export const WEBHOOKS_USAGE = `Usage: npm run endpoint -- webhooks [--resend [--since TIME]] [--data-dir DIR]

Shows the outbound webhook deliveries the endpoint gave up on (after its last attempt), or queues
them again once the receiver works. Starts no server; reads the same store as the server:
--data-dir or REGULARS_DATA_DIR for PGlite (stop the server first, or use its agent route),
DATABASE_URL for PostgreSQL (works while servers run).

  (no flag)       how many were given up, when, and the last error
  --resend        queue them again: each is sent once more, in order, signed, with its own event id
  --since TIME    with --resend: only those given up at or after TIME (ISO 8601, such as 2026-11-01T00:00:00Z)
  --data-dir DIR  PGlite data directory (default as the server's)

Exit status: 0 done, 1 the store could not be opened, 2 wrong arguments or settings.`;

/** What the command was asked to do. */
export interface WebhooksArguments {
  help: boolean;
  resend: boolean;
  /** Epoch milliseconds; only deliveries given up at or after it are resent. */
  since: number | null;
  /** The arguments that belong to the service's configuration (`--data-dir`). */
  serviceArgs: string[];
  /** One line per wrong argument; empty when all are right. */
  problems: string[];
}

/** Where the command writes: lines for the merchant and lines about problems. */
export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

/** Reads the command's arguments (after `webhooks`), naming every wrong one in `problems`. */
export function readWebhooksArguments(argv: readonly string[]): WebhooksArguments {
  const problems: string[] = [];
  const parsed: WebhooksArguments = { help: false, resend: false, since: null, serviceArgs: [], problems };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    const [name, inline] = argument.split(/=(.*)/s, 2) as [string, string | undefined];
    if (name === '--help') {
      parsed.help = true;
    } else if (name === '--resend' && inline === undefined) {
      parsed.resend = true;
    } else if (name === '--since') {
      const value = inline ?? (argv[index + 1]?.startsWith('--') ? undefined : argv[index + 1]);
      if (inline === undefined && value !== undefined) index += 1;
      const at = value === undefined ? Number.NaN : Date.parse(value);
      if (Number.isNaN(at)) problems.push(`--since needs an ISO 8601 time, such as --since 2026-11-01T00:00:00Z${value === undefined ? '' : `; got "${value}"`}.`);
      else parsed.since = at;
    } else if (name === '--data-dir') {
      // The service's own reader checks the value, with the server's message for a missing one.
      parsed.serviceArgs.push(argument);
      if (inline === undefined && argv[index + 1] !== undefined && !argv[index + 1]!.startsWith('--')) {
        parsed.serviceArgs.push(argv[index + 1]!);
        index += 1;
      }
    } else {
      problems.push(`Unknown argument ${argument}. Run npm run endpoint -- webhooks --help for the options.`);
    }
  }
  if (parsed.since !== null && !parsed.resend) problems.push('--since selects what --resend queues again; add --resend.');
  return parsed;
}

function isoOrDash(at: number | null): string {
  return at === null ? '-' : new Date(at).toISOString();
}

function deliveries(count: number): string {
  return `${count} webhook ${count === 1 ? 'delivery' : 'deliveries'}`;
}

function summaryLines(summary: GivenUpSummary, store: string): string[] {
  if (summary.count === 0) return [`No webhook deliveries were given up (${store}).`];
  return [
    `${deliveries(summary.count)} given up (${store}):`,
    `  events received  ${isoOrDash(summary.oldestReceivedAt)} to ${isoOrDash(summary.newestReceivedAt)}`,
    `  given up         ${isoOrDash(summary.firstGivenUpAt)} to ${isoOrDash(summary.lastGivenUpAt)}`,
    `  last error       ${summary.lastError ?? '-'}`,
    'Once the receiver works again, send them once more: npm run endpoint -- webhooks --resend [--since TIME]',
  ];
}

function resendLines(resent: number, since: number | null, config: ServiceConfig): string[] {
  const lines = [`Queued ${deliveries(resent)} again${since === null ? '' : ` (given up since ${new Date(since).toISOString()})`}.`];
  if (resent === 0) return lines;
  if (config.webhook === null) lines.push('REGULARS_WEBHOOK_URL is not set here: an endpoint started with it sends them.');
  else if (config.databaseUrl !== null) lines.push('A running endpoint sends them within seconds (or the next one to start).');
  else lines.push('The endpoint sends them when it starts.');
  return lines;
}

/** What to do when a running server holds the PGlite directory: its agent route, stopping it, or PostgreSQL. */
function lockedLines(error: DirectoryLockedError, request: WebhooksArguments, config: ServiceConfig): string[] {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  const base = `http://${host}:${config.port}${config.basePath}/agent/webhooks`;
  // Only the server knows its token (this shell's setting or default may differ), so the hint names the variable, never a value.
  const body = request.since === null ? '{}' : JSON.stringify({ since: new Date(request.since).toISOString() });
  const call = request.resend
    ? `curl -X POST -H "Authorization: Bearer $REGULARS_AGENT_TOKEN" -H "Content-Type: application/json" -d '${body}' ${base}/resend`
    : `curl -H "Authorization: Bearer $REGULARS_AGENT_TOKEN" ${base}`;
  const tokenHint = config.developmentDefaults.includes('REGULARS_AGENT_TOKEN')
    ? ['      (REGULARS_AGENT_TOKEN is not set here: set it to the agent token that endpoint runs with; one started without it outside production uses the development default.)']
    : [];
  return [
    `Regulars webhooks: the data directory ${error.directory} is in use by process ${error.pid} (a running endpoint), and PGlite admits one process per directory. Either:`,
    `  - ask that endpoint through its agent route (it must run with REGULARS_WEBHOOK_URL; use its address):`,
    `      ${call}`,
    ...tokenHint,
    '  - or stop it, run this command again, and start it again;',
    '  - or run the endpoint on PostgreSQL (DATABASE_URL), where this command works while endpoints run.',
  ];
}

/** Runs the command with its arguments (after `webhooks`) and environment; resolves to the exit status. */
export async function runWebhooksCommand(argv: readonly string[], env: Record<string, string | undefined>, output: CommandOutput): Promise<number> {
  const request = readWebhooksArguments(argv);
  if (request.help) {
    output.out(WEBHOOKS_USAGE);
    return 0;
  }
  const problems = [...request.problems];
  let config: ServiceConfig | null = null;
  try {
    config = readServiceConfig(request.serviceArgs, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (config?.databaseUrl === null && config.dataDir === PGLITE_MEMORY) {
    problems.push(`REGULARS_DATA_DIR=${PGLITE_MEMORY} keeps nothing between processes: point --data-dir at the server's directory, or set DATABASE_URL.`);
  }
  if (problems.length > 0 || config === null) {
    output.err(`Regulars webhooks: the arguments or settings are wrong.\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    return 2;
  }

  if (config.databaseUrl === null && !pgliteDatabaseExists(config.dataDir)) {
    // Opening would create an empty database there, which would only hide a mistyped directory.
    output.err(`Regulars webhooks: no endpoint database in ${config.dataDir}. Point --data-dir (or REGULARS_DATA_DIR) at the server's directory.`);
    return 1;
  }
  let opened: OpenedServiceStore;
  try {
    opened = await openServiceStore(config, { forwardEvents: false });
  } catch (error) {
    if (error instanceof DirectoryLockedError) {
      output.err(lockedLines(error, request, config).join('\n'));
      return 1;
    }
    output.err(`Regulars webhooks: the store could not be opened: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  try {
    const queue = createSqlWebhookQueue(opened.client);
    const lines = request.resend
      ? resendLines(await queue.resend(request.since === null ? {} : { since: request.since }), request.since, config)
      : summaryLines(await queue.givenUp(), opened.description);
    for (const line of lines) output.out(line);
    return 0;
  } finally {
    await opened.client.close();
  }
}
