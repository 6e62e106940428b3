import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { openServiceStore } from '../../demo/endpoint/open-store';
import { startDemoServer } from '../../demo/server/server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the demo store served for this run, e.g. http://127.0.0.1:41234 */
    baseUrl: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Starts the demo store with the reference endpoint on a free loopback port, serving the built bundle. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(`${root}dist/regulars.js`)) throw new Error('dist/regulars.js is missing: run `npm run build` first (npm test does)');
  // The endpoint's default database (PGlite), in memory: the tests run against the store merchants get.
  const database = await openServiceStore({ databaseUrl: null, dataDir: 'memory://' }, { forwardEvents: false });
  const server = await startDemoServer({ port: 0, host: '127.0.0.1', root, store: database.store });
  project.provide('baseUrl', server.url.replace(/\/$/, ''));
  return async () => {
    await server.close();
    await database.client.close();
  };
}
