/**
 * Starts the demo store (`npm start`): reads PORT (default 5173) and HOST (default 127.0.0.1)
 * from the environment, keeps the endpoint's state in PGlite under REGULARS_DATA_DIR (default
 * .demo-data/demo) or in PostgreSQL when DATABASE_URL is set, prints where everything is, and
 * stops on Ctrl+C.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openServiceStore } from '../endpoint/open-store';
import { DEMO_AGENT_TOKEN } from './demo-endpoint-config';
import { startDemoServer } from './server';

/** Where the demo keeps its endpoint's data unless REGULARS_DATA_DIR says otherwise (apart from `npm run endpoint`'s). */
const DEMO_DATA_DIR = '.demo-data/demo';

const port = Number(process.env.PORT ?? 5173);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a port number (0-65535); got "${process.env.PORT}".`);
  process.exit(1);
}
const host = process.env.HOST ?? '127.0.0.1';
const root = fileURLToPath(new URL('../..', import.meta.url));

try {
  const opened = await openServiceStore(
    { databaseUrl: process.env.DATABASE_URL?.trim() || null, dataDir: process.env.REGULARS_DATA_DIR?.trim() || DEMO_DATA_DIR },
    { forwardEvents: false },
  );
  const server = await startDemoServer({ port, host, root, store: opened.store }).catch(async (error: unknown) => {
    await opened.client.close();
    throw error;
  });
  console.log(`Regulars demo store: ${server.url}`);
  console.log(`Regulars endpoint:   ${server.endpointUrl} (state: ${opened.description})`);
  console.log(`Agent inbox:         ${server.url}demo/inbox.html (token "${DEMO_AGENT_TOKEN}")`);
  if (!existsSync(`${root}dist/regulars.js`)) console.log('The bundle is not built yet: run `npm run build` (npm start does) and reload.');
  const stop = (): void => {
    void server
      .close()
      .then(() => opened.client.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `Port ${port} is in use: start with PORT=<another port> npm start.` : error instanceof Error ? error.message : error);
  process.exit(1);
}
