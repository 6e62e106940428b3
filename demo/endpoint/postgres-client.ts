/**
 * PostgreSQL through `pg` behind the `SqlClient` seam, for merchants who outgrow one machine:
 * a connection pool, transactions on one pooled connection, and a retry of transactions that
 * PostgreSQL aborted to break a deadlock or a serialization conflict.
 */
import pg from 'pg';
import { guardedExecutor, isRawDriverError, toStoreError, type SqlClient, type SqlExecutor } from './sql-client';

/** Options of the PostgreSQL client. */
export interface PostgresClientOptions {
  /** Most pooled connections (default 10). */
  maxConnections?: number;
  /** How long to wait for a free or new connection before answering 503 (default 5 s). */
  connectTimeoutMs?: number;
  /** Called when an idle pooled connection fails (default: ignored; the pool replaces it). */
  onIdleError?: (error: Error) => void;
}

// 40001 serialization_failure, 40P01 deadlock_detected: PostgreSQL rolled the transaction back and asks for a retry.
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_TRANSACTION_ATTEMPTS = 5;

function executor(target: pg.Pool | pg.PoolClient, isClosed: () => boolean): SqlExecutor {
  // Without parameters pg uses the simple protocol, which runs a script of several statements.
  return guardedExecutor({ query: (text, params) => target.query(text, params), exec: (script) => target.query(script) }, isClosed);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Connects to PostgreSQL at `connectionString` (a `postgres://` URL) and checks that it answers. */
export async function openPostgres(connectionString: string, options: PostgresClientOptions = {}): Promise<SqlClient> {
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'regulars-endpoint',
  });
  // Without a listener an idle connection's failure (a database restart) would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  let closed = false;
  const isClosed = (): boolean => closed;
  const base = executor(pool, isClosed);
  try {
    await base.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }

  async function attempt<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    let connection: pg.PoolClient;
    try {
      connection = await pool.connect();
    } catch (error) {
      throw toStoreError(error, isClosed());
    }
    let broken: Error | undefined;
    try {
      await connection.query('BEGIN');
      const result = await work(executor(connection, isClosed));
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await connection.query('ROLLBACK');
      } catch (rollbackError) {
        // A connection that cannot roll back is not handed to the next caller.
        broken = rollbackError as Error;
      }
      throw isRawDriverError(error) ? toStoreError(error, isClosed()) : error;
    } finally {
      connection.release(broken);
    }
  }

  return {
    engine: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction(work) {
      for (let attemptNumber = 1; ; attemptNumber += 1) {
        try {
          return await attempt(work);
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          if (attemptNumber >= MAX_TRANSACTION_ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
          // A short random pause keeps the two sides of a deadlock from meeting again.
          await delay(Math.random() * 20 * attemptNumber);
        }
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
