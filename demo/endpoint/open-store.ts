/**
 * Opens the service's database (PostgreSQL when a URL is given, PGlite otherwise), applies the
 * migrations, and builds the SQL store on it.
 */
import { migrate } from './migrate';
import { openPglite, PGLITE_MEMORY } from './pglite-client';
import { openPostgres } from './postgres-client';
import type { SqlClient } from './sql-client';
import { createSqlStore } from './sql-store';
import type { EndpointStore } from './store';

/** Where the service keeps its state. */
export interface StoreLocation {
  databaseUrl: string | null;
  dataDir: string;
}

/** An open, migrated store. */
export interface OpenedServiceStore {
  client: SqlClient;
  store: EndpointStore;
  /** For logs: `postgres` or `pglite <directory>` (never the connection string, which may hold a password). */
  description: string;
}

// pg takes a string without one of these schemes for something else, then fails to connect, which only reads as "unavailable".
const POSTGRES_URL = /^(?:postgres|postgresql|socket):/i;

/** The error of a `DATABASE_URL` that is not a PostgreSQL URL. */
export class MalformedDatabaseUrlError extends Error {
  constructor() {
    // The value is not quoted: it may hold a password.
    super('DATABASE_URL is not a PostgreSQL URL; use one such as postgres://user:password@host:5432/database.');
    this.name = 'MalformedDatabaseUrlError';
  }
}

/** Opens and migrates the store at `location`; `forwardEvents` queues new events for the webhook. */
export async function openServiceStore(
  location: StoreLocation,
  options: { forwardEvents: boolean; onEventsQueued?: () => void; onIdleError?: (error: Error) => void },
): Promise<OpenedServiceStore> {
  if (location.databaseUrl !== null && !POSTGRES_URL.test(location.databaseUrl)) throw new MalformedDatabaseUrlError();
  const client = location.databaseUrl !== null
    ? await openPostgres(location.databaseUrl, options.onIdleError ? { onIdleError: options.onIdleError } : {})
    : await openPglite(location.dataDir);
  try {
    await migrate(client);
  } catch (error) {
    await client.close();
    throw error;
  }
  return {
    client,
    store: createSqlStore(client, { forwardEvents: options.forwardEvents, ...(options.onEventsQueued ? { onEventsQueued: options.onEventsQueued } : {}) }),
    description: location.databaseUrl !== null ? 'postgres' : location.dataDir === PGLITE_MEMORY ? 'pglite in memory' : `pglite ${location.dataDir}`,
  };
}
