/**
 * PGlite (PostgreSQL compiled to WASM, installed from npm with no binary download) behind the
 * `SqlClient` seam: in memory for tests, or in a data directory that survives restarts and crashes.
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { acquireDirectoryLock, type DirectoryLock } from './data-dir-lock';
import { guardedExecutor, isRawDriverError, toStoreError, type SqlClient, type SqlExecutor } from './sql-client';

/** Where PGlite keeps its files: a directory path, or `memory://` for a database that lives in memory. */
export type PgliteLocation = string;

/** The location of an in-memory PGlite database. */
export const PGLITE_MEMORY = 'memory://';

// Most of PGlite's start is initdb. Once a process has made an in-memory database (tests do), later
// new databases, in memory or in an empty directory, start from a copy of its freshly initialized
// files instead: about 1 s instead of 4 s. A server opening one directory never holds the copy.
let emptyDatabase: Promise<Blob> | null = null;

async function createInMemory(): Promise<PGlite> {
  if (emptyDatabase !== null) return PGlite.create({ loadDataDir: await emptyDatabase });
  const db = await PGlite.create();
  emptyDatabase = db.dumpDataDir('none');
  await emptyDatabase.catch(() => {
    emptyDatabase = null;
  });
  return db;
}

/** True when `directory` holds a PGlite database (one was ever opened there). */
export function pgliteDatabaseExists(directory: string): boolean {
  return existsSync(path.join(directory, 'PG_VERSION'));
}

async function createInDirectory(directory: string): Promise<PGlite> {
  const isNew = !pgliteDatabaseExists(directory);
  if (isNew && emptyDatabase !== null) return PGlite.create(directory, { loadDataDir: await emptyDatabase });
  return PGlite.create(directory);
}

function executor(target: PGlite | Transaction, isClosed: () => boolean): SqlExecutor {
  return guardedExecutor({ query: (text, params) => target.query(text, params), exec: (script) => target.exec(script) }, isClosed);
}

/**
 * Opens PGlite at `location` (creating the directory), or in memory for `memory://`. A data
 * directory is locked to this process: PGlite has no server, and two processes writing one
 * directory would corrupt it, so a second opener fails with a message naming the holder.
 */
export async function openPglite(location: PgliteLocation = PGLITE_MEMORY): Promise<SqlClient> {
  const inMemory = location === PGLITE_MEMORY;
  let lock: DirectoryLock | null = null;
  if (!inMemory) {
    mkdirSync(location, { recursive: true });
    lock = acquireDirectoryLock(location);
  }
  let db: PGlite;
  try {
    db = inMemory ? await createInMemory() : await createInDirectory(location);
  } catch (error) {
    lock?.release();
    throw error;
  }
  let closed = false;
  const isClosed = (): boolean => closed || db.closed;
  const base = executor(db, isClosed);
  return {
    engine: 'pglite',
    query: base.query,
    exec: base.exec,
    async transaction(work) {
      try {
        // PGlite runs one transaction at a time (its own mutex), so a transaction here is also serial.
        return await db.transaction((tx) => work(executor(tx, isClosed)));
      } catch (error) {
        // Failures inside `work` arrive converted (or are the caller's own); only BEGIN and COMMIT failures arrive raw.
        throw isRawDriverError(error) || isClosed() ? toStoreError(error, isClosed()) : error;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
  };
}
