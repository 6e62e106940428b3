/**
 * `npm run endpoint`: runs the reference endpoint as a standalone server. Reads flags and the
 * environment (see `--help`), refuses an unsafe production configuration with one line per
 * problem, logs JSON lines to standard output, and shuts down gracefully on SIGTERM or SIGINT.
 * `npm run endpoint -- webhooks ...` runs the given-up webhook command instead (webhooks-command.ts).
 */
import { createJsonLog, describeError } from './json-log';
import { ConfigError, productionProblems, productionWarnings, readServiceConfig, USAGE, wantsHelp, type ServiceConfig } from './service-config';
import { startEndpointService } from './service';
import { loadShopOptions, type ShopOptions } from './shop-options';
import { runWebhooksCommand, WEBHOOKS_COMMAND } from './webhooks-command';

const argv = process.argv.slice(2);
if (argv[0] === WEBHOOKS_COMMAND) {
  process.exit(await runWebhooksCommand(argv.slice(1), process.env, { out: (line) => console.log(line), err: (line) => console.error(line) }));
}
if (wantsHelp(argv)) {
  console.log(USAGE);
  process.exit(0);
}

let config: ServiceConfig;
try {
  config = readServiceConfig(argv, process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Regulars endpoint: the configuration is wrong.\n${error.problems.map((problem) => `  - ${problem}`).join('\n')}`);
  process.exit(2);
}

if (config.production) {
  const problems = productionProblems(config);
  if (problems.length > 0) {
    console.error(`Regulars endpoint refuses to start in production:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exit(1);
  }
}

const log = createJsonLog();
if (config.production) for (const warning of productionWarnings(config)) log({ level: 'warn', msg: warning });

try {
  const shop: ShopOptions | undefined = config.shopModule !== null ? await loadShopOptions(config.shopModule) : undefined;
  const service = await startEndpointService(config, { log, ...(shop ? { shop } : {}) });
  log({
    level: 'info',
    msg: `Regulars endpoint listening on ${service.endpointUrl}`,
    url: service.endpointUrl,
    health: `${service.url}health`,
    store: service.storeDescription,
    production: config.production,
    webhook: config.webhook !== null,
  });
  if (config.developmentDefaults.length > 0) {
    log({
      level: 'warn',
      msg: `Development defaults in use for ${config.developmentDefaults.join(' and ')} (refused in production)`,
      ...(config.developmentDefaults.includes('REGULARS_AGENT_TOKEN') ? { agentToken: config.agentToken } : {}),
    });
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log({ level: 'warn', msg: `${signal} again: exiting without waiting` });
      process.exit(1);
    }
    stopping = true;
    log({ level: 'info', msg: `${signal}: finishing in-flight requests, then stopping`, inFlight: service.inFlight() });
    service.close().then(
      () => {
        log({ level: 'info', msg: 'stopped' });
        process.exit(0);
      },
      (error: unknown) => {
        log({ level: 'error', msg: 'shutdown failed', ...describeError(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  const message =
    code === 'EADDRINUSE'
      ? `Port ${config.port} is in use: start with --port <another port> (or PORT=...).`
      : error instanceof Error
        ? error.message
        : String(error);
  log({ level: 'error', msg: `Regulars endpoint could not start: ${message}` });
  process.exit(1);
}
