/**
 * The seam between the SQL store and a database: PGlite (embedded, WASM) and PostgreSQL (`pg`)
 * both sit behind this one interface and speak the same SQL, so the store is written once.
 */
import { StoreUnavailableError } from './store';

/** Runs statements: one parameterized statement with `query`, a script of several with `exec`. */
export interface SqlExecutor {
  /** Runs one statement with `$1`-style parameters and answers its rows. */
  query<Row extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** A database connection (or pool) the store runs on. */
export interface SqlClient extends SqlExecutor {
  /** Which database this is, for logs and the health answer. */
  readonly engine: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Closes the connection; later calls fail with `StoreUnavailableError`. */
  close(): Promise<void>;
}

/**
 * A statement failed for a reason other than reachability (a constraint, a syntax error). It
 * carries the SQLSTATE code and the database's message but never the statement's parameters,
 * which hold shoppers' data and must not reach a log.
 */
export class SqlQueryError extends Error {
  readonly code: string | undefined;
  readonly constraint: string | undefined;

  constructor(message: string, code: string | undefined, constraint: string | undefined) {
    super(message);
    this.name = 'SqlQueryError';
    this.code = code;
    this.constraint = constraint;
  }
}

// SQLSTATE classes and codes that mean "the database cannot answer now", not "the statement is wrong":
// 08 connection exception, 53 insufficient resources, 57P01-57P03 shutdown and startup.
const UNAVAILABLE_SQLSTATE = /^(08...|53...|57P0[123])$/;
// Socket-level failures of a driver (no SQLSTATE).
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

function sqlstateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when `error` means the database is unreachable or shutting down, so a retry later may work. */
export function isUnavailableError(error: unknown, closed: boolean): boolean {
  if (closed || error instanceof StoreUnavailableError) return true;
  const code = sqlstateOf(error);
  if (code !== undefined && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
  const message = error instanceof Error ? error.message : '';
  // Messages of pg's pool and PGlite for a lost or closed connection, which carry no code.
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|is closed|Cannot use a pool after calling end/i.test(message);
}

/** True for an error straight from a driver (it carries a SQLSTATE or errno code), not yet converted. */
export function isRawDriverError(error: unknown): boolean {
  return !(error instanceof SqlQueryError) && sqlstateOf(error) !== undefined;
}

/** Turns a driver error into `StoreUnavailableError` or `SqlQueryError`, dropping the parameters it may carry. */
export function toStoreError(error: unknown, closed: boolean): Error {
  if (error instanceof StoreUnavailableError || error instanceof SqlQueryError) return error;
  if (isUnavailableError(error, closed)) return new StoreUnavailableError();
  const message = error instanceof Error ? error.message : String(error);
  const constraint = (error as { constraint?: unknown } | null)?.constraint;
  return new SqlQueryError(message, sqlstateOf(error), typeof constraint === 'string' ? constraint : undefined);
}

/**
 * Builds an executor from a driver's query and script calls, turning every driver error into a
 * store error (no query parameters in it; an unreachable database becomes "unavailable").
 */
export function guardedExecutor(
  driver: { query(text: string, params: unknown[]): Promise<{ rows: unknown[] }>; exec(script: string): Promise<unknown> },
  isClosed: () => boolean,
): SqlExecutor {
  return {
    async query<Row extends object>(text: string, params: readonly unknown[] = []) {
      try {
        return (await driver.query(text, params as unknown[])).rows as Row[];
      } catch (error) {
        throw toStoreError(error, isClosed());
      }
    },
    async exec(script) {
      try {
        await driver.exec(script);
      } catch (error) {
        throw toStoreError(error, isClosed());
      }
    },
  };
}
