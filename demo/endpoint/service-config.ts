/**
 * Configuration of the standalone endpoint service from flags and environment variables, and the
 * checks that keep an unsafe configuration from starting in production. Flags win over variables.
 */
import { isOrigin, type EndpointOptions } from './options';
import { PGLITE_MEMORY } from './pglite-client';

/** Everything the service needs to start. */
export interface ServiceConfig {
  port: number;
  host: string;
  /** Production mode (`NODE_ENV=production` or `--production`): no development defaults, strict checks. */
  production: boolean;
  basePath: string;
  allowedOrigins: '*' | string[];
  agentToken: string | null;
  identitySecret: string | null;
  webhook: { url: string; secret: string } | null;
  /** PostgreSQL connection string; when set the data directory is not used. */
  databaseUrl: string | null;
  /** PGlite data directory, or `memory://`. */
  dataDir: string;
  trustProxy: boolean;
  rateLimits: EndpointOptions['rateLimits'];
  /** Longest wait for in-flight requests at shutdown. */
  shutdownMs: number;
  /** A module whose default export holds the shop's options (wheel, chat, product lookup), or null. */
  shopModule: string | null;
  /** Names of the settings that took a development default, so the start message can say so. */
  developmentDefaults: string[];
}

/** A configuration that cannot work; `problems` name each variable or flag and its fix. */
export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** The agent token used outside production when none is set. */
export const DEV_AGENT_TOKEN = 'regulars-dev-agent-token';
/** The identity secret used outside production when none is set. */
export const DEV_IDENTITY_SECRET = 'regulars-dev-identity-secret';
/** Published values (these defaults and the demo shop's) that must never guard a real shop. */
export const KNOWN_DEFAULT_SECRETS: readonly string[] = [DEV_AGENT_TOKEN, DEV_IDENTITY_SECRET, 'demo-agent-token', 'demo-identity-secret'];
/** Shortest secret accepted in production: 32 characters, such as `openssl rand -hex 16`. */
export const MIN_SECRET_LENGTH = 32;
/** Where PGlite keeps its data when REGULARS_DATA_DIR is not set. */
export const DEFAULT_DATA_DIR = '.demo-data/endpoint';
/** Port when neither --port nor PORT is given. */
export const DEFAULT_PORT = 8787;

/** The usage text of `npm run endpoint -- --help`. */
export const USAGE = `Usage: npm run endpoint -- [--port N] [--host H] [--data-dir DIR] [--shop FILE] [--production]

Runs the Regulars reference endpoint as a standalone HTTP server.

Flags and environment variables (flags win):
  --port, PORT                    port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host, HOST                    interface to bind (default 127.0.0.1)
  --data-dir, REGULARS_DATA_DIR   PGlite data directory (default ${DEFAULT_DATA_DIR}; ${PGLITE_MEMORY} keeps nothing)
  DATABASE_URL                    postgres:// URL: use PostgreSQL instead of PGlite
  --shop, REGULARS_SHOP           module whose default export holds the shop's options: wheel, chat,
                                  products (catalogue lookup), verifyEmails (see docs/endpoint.md)
  --production, NODE_ENV=production   refuse unsafe settings, use no development defaults
  REGULARS_ALLOWED_ORIGINS        comma-separated store origins allowed to call (default * outside production)
  REGULARS_AGENT_TOKEN            bearer token of the agent inbox (default ${DEV_AGENT_TOKEN} outside
                                  production; in production none, and without one the inbox is off)
  REGULARS_IDENTITY_SECRET        secret of customer identity hashes (HMAC-SHA256; a development
                                  default outside production, none in production)
  REGULARS_WEBHOOK_URL            where new events are forwarded (signed); needs REGULARS_WEBHOOK_SECRET
  REGULARS_WEBHOOK_SECRET         secret of the webhook's Regulars-Signature
  REGULARS_BASE_PATH              path of the endpoint (default /regulars)
  REGULARS_TRUST_PROXY            1 to take client addresses from X-Forwarded-For (only behind your proxy)
  REGULARS_RATE_LIMITS            JSON overrides, such as {"events":{"max":600}}
  REGULARS_SHUTDOWN_MS            longest wait for in-flight requests on SIGTERM (default 10000)

Webhook deliveries given up on (no server started; see webhooks --help):
  npm run endpoint -- webhooks [--resend [--since TIME]] [--data-dir DIR]`;

type Env = Record<string, string | undefined>;

function readFlags(argv: readonly string[], problems: string[]): Map<string, string | true> {
  const flags = new Map<string, string | true>();
  const valued = new Set(['--port', '--host', '--data-dir', '--shop']);
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    const [name, inline] = argument.split(/=(.*)/s, 2) as [string, string | undefined];
    if (valued.has(name)) {
      const value = inline ?? argv[index + 1];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) {
        const example = { '--port': '8787', '--host': '0.0.0.0', '--data-dir': '/var/lib/regulars', '--shop': './regulars.shop.ts' }[name];
        problems.push(`${name} needs a value, such as ${name} ${example}.`);
        continue;
      }
      if (inline === undefined) index += 1;
      flags.set(name, value);
    } else if (name === '--production' || name === '--help') {
      flags.set(name, true);
    } else {
      problems.push(`Unknown argument ${argument}. Run with --help for the options.`);
    }
  }
  return flags;
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value.trim();
}

/** True when `--help` is among the arguments. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help');
}

/** Reads the configuration; throws `ConfigError` naming every wrong setting at once. */
export function readServiceConfig(argv: readonly string[], env: Env): ServiceConfig {
  const problems: string[] = [];
  const flags = readFlags(argv, problems);
  const production = flags.has('--production') || env.NODE_ENV === 'production';
  const developmentDefaults: string[] = [];

  const portText = (flags.get('--port') as string | undefined) ?? nonEmpty(env.PORT) ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65_535) problems.push(`The port must be a number from 0 to 65535 (--port or PORT); got "${portText}".`);

  const originsText = nonEmpty(env.REGULARS_ALLOWED_ORIGINS);
  let allowedOrigins: '*' | string[] = '*';
  if (originsText !== null && originsText !== '*') {
    allowedOrigins = originsText.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
    for (const origin of allowedOrigins) {
      if (!isOrigin(origin)) problems.push(`REGULARS_ALLOWED_ORIGINS: "${origin}" is not an origin; use scheme and host only, such as https://shop.example (no path, no trailing slash).`);
    }
  }

  let agentToken = nonEmpty(env.REGULARS_AGENT_TOKEN);
  if (agentToken === null && !production) {
    agentToken = DEV_AGENT_TOKEN;
    developmentDefaults.push('REGULARS_AGENT_TOKEN');
  }
  let identitySecret = nonEmpty(env.REGULARS_IDENTITY_SECRET);
  if (identitySecret === null && !production) {
    identitySecret = DEV_IDENTITY_SECRET;
    developmentDefaults.push('REGULARS_IDENTITY_SECRET');
  }

  const webhookUrl = nonEmpty(env.REGULARS_WEBHOOK_URL);
  const webhookSecret = nonEmpty(env.REGULARS_WEBHOOK_SECRET);
  let webhook: ServiceConfig['webhook'] = null;
  if (webhookUrl !== null) {
    let protocol = '';
    try {
      protocol = new URL(webhookUrl).protocol;
    } catch {
      // Reported below.
    }
    if (protocol !== 'https:' && protocol !== 'http:') problems.push(`REGULARS_WEBHOOK_URL must be an absolute http(s) URL; got "${webhookUrl}".`);
    if (webhookSecret === null) problems.push('REGULARS_WEBHOOK_URL is set without REGULARS_WEBHOOK_SECRET: set a long random secret so the receiver can verify deliveries.');
    else webhook = { url: webhookUrl, secret: webhookSecret };
  } else if (webhookSecret !== null) {
    problems.push('REGULARS_WEBHOOK_SECRET is set without REGULARS_WEBHOOK_URL: set the URL events go to, or remove the secret.');
  }

  let rateLimits: EndpointOptions['rateLimits'];
  const limitsText = nonEmpty(env.REGULARS_RATE_LIMITS);
  if (limitsText !== null) {
    try {
      const parsed: unknown = JSON.parse(limitsText);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      rateLimits = parsed as EndpointOptions['rateLimits'];
    } catch {
      problems.push('REGULARS_RATE_LIMITS must be a JSON object, such as {"events":{"max":600,"windowMs":60000}}.');
    }
  }

  const shutdownText = nonEmpty(env.REGULARS_SHUTDOWN_MS) ?? '10000';
  const shutdownMs = Number(shutdownText);
  if (!Number.isInteger(shutdownMs) || shutdownMs < 0) problems.push(`REGULARS_SHUTDOWN_MS must be a whole number of milliseconds; got "${shutdownText}".`);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host: (flags.get('--host') as string | undefined) ?? nonEmpty(env.HOST) ?? '127.0.0.1',
    production,
    basePath: nonEmpty(env.REGULARS_BASE_PATH) ?? '/regulars',
    allowedOrigins,
    agentToken,
    identitySecret,
    webhook,
    databaseUrl: nonEmpty(env.DATABASE_URL),
    dataDir: (flags.get('--data-dir') as string | undefined) ?? nonEmpty(env.REGULARS_DATA_DIR) ?? DEFAULT_DATA_DIR,
    trustProxy: /^(1|true|yes)$/i.test(env.REGULARS_TRUST_PROXY ?? ''),
    rateLimits,
    shutdownMs,
    shopModule: (flags.get('--shop') as string | undefined) ?? nonEmpty(env.REGULARS_SHOP),
    developmentDefaults,
  };
}

function secretProblem(name: string, value: string | null): string | null {
  if (value === null) return null;
  if (KNOWN_DEFAULT_SECRETS.includes(value)) return `${name} is a published default; set a long random value, such as the output of \`openssl rand -hex 32\`.`;
  if (value.length < MIN_SECRET_LENGTH) return `${name} is shorter than ${MIN_SECRET_LENGTH} characters; use a long random value, such as the output of \`openssl rand -hex 32\`.`;
  return null;
}

/** What makes `config` unsafe to run in production; empty when it may start. */
export function productionProblems(config: ServiceConfig): string[] {
  const problems: string[] = [];
  if (config.allowedOrigins === '*') problems.push("REGULARS_ALLOWED_ORIGINS is not set: name your store's origins, such as REGULARS_ALLOWED_ORIGINS=https://shop.example.");
  for (const [name, value] of [
    ['REGULARS_AGENT_TOKEN', config.agentToken],
    ['REGULARS_IDENTITY_SECRET', config.identitySecret],
    ['REGULARS_WEBHOOK_SECRET', config.webhook?.secret ?? null],
  ] as const) {
    const problem = secretProblem(name, value);
    if (problem) problems.push(problem);
  }
  if (config.webhook && !config.webhook.url.startsWith('https:')) problems.push('REGULARS_WEBHOOK_URL must use https in production, so events and their signature travel encrypted.');
  if (config.databaseUrl === null && config.dataDir === PGLITE_MEMORY) problems.push(`REGULARS_DATA_DIR=${PGLITE_MEMORY} loses every event on restart; point it at a directory or set DATABASE_URL.`);
  return problems;
}

/** Settings that work but deserve a line at start in production. */
export function productionWarnings(config: ServiceConfig): string[] {
  const warnings: string[] = [];
  if (config.identitySecret === null) warnings.push('REGULARS_IDENTITY_SECRET is not set: customer ids sent with chat messages and events are kept as unverified.');
  if (config.agentToken === null) warnings.push('REGULARS_AGENT_TOKEN is not set: the agent inbox (/agent/*) is off.');
  return warnings;
}
