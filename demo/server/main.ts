/**
 * Starts the demo store (`npm start`): reads PORT (default 5173) and HOST (default 127.0.0.1)
 * from the environment, prints where the store and its endpoint are, and stops on Ctrl+C.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEMO_AGENT_TOKEN } from './demo-endpoint-config';
import { startDemoServer } from './server';

const port = Number(process.env.PORT ?? 5173);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a port number (0-65535); got "${process.env.PORT}".`);
  process.exit(1);
}
const host = process.env.HOST ?? '127.0.0.1';
const root = fileURLToPath(new URL('../..', import.meta.url));

try {
  const server = await startDemoServer({ port, host, root });
  console.log(`Regulars demo store: ${server.url}`);
  console.log(`Regulars endpoint:   ${server.endpointUrl}`);
  console.log(`Agent inbox:         ${server.url}demo/inbox.html (token "${DEMO_AGENT_TOKEN}")`);
  if (!existsSync(`${root}dist/regulars.js`)) console.log('The bundle is not built yet: run `npm run build` (npm start does) and reload.');
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `Port ${port} is in use: start with PORT=<another port> npm start.` : error);
  process.exit(1);
}
