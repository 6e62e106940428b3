/**
 * Applies the numbered schema migrations at start: each one that is not yet recorded in
 * `regulars_migrations` runs in its own transaction together with its record, so a failed
 * migration leaves nothing behind and running again is a no-op.
 */
import { MIGRATIONS, type Migration } from './migrations/index';
import type { SqlClient, SqlExecutor } from './sql-client';

/** The table that records applied migrations. */
export const MIGRATIONS_TABLE = 'regulars_migrations';

/** The advisory lock key migrations hold while they run (any constant shared by every server). */
const MIGRATION_LOCK_KEY = 7_246_180_731;

/** Thrown when a migration fails; names the migration. */
export class MigrationError extends Error {
  constructor(migration: Migration, cause: unknown) {
    super(`Regulars migration ${String(migration.version).padStart(3, '0')}-${migration.name} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'MigrationError';
  }
}

/** Applies the migrations `client` lacks, oldest first; answers the versions it applied. */
export async function migrate(client: SqlClient, migrations: readonly Migration[] = MIGRATIONS, now: () => number = Date.now): Promise<number[]> {
  const versions = migrations.map((migration) => migration.version);
  if (versions.some((version, index) => index > 0 && version <= versions[index - 1]!)) {
    throw new Error('Regulars migrations must be listed in increasing version order.');
  }
  // Two servers starting at once against one PostgreSQL: the lock makes the second wait until the
  // first committed, then see its records and skip. (Even CREATE TABLE IF NOT EXISTS races without it.)
  const serialize = (tx: SqlExecutor): Promise<unknown> => tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
  await client.transaction(async (tx) => {
    await serialize(tx);
    await tx.exec(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
  });
  const applied: number[] = [];
  for (const migration of migrations) {
    const ran = await client.transaction(async (tx) => {
      await serialize(tx);
      const done = await tx.query(`SELECT 1 FROM ${MIGRATIONS_TABLE} WHERE version = $1`, [migration.version]);
      if (done.length > 0) return false;
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        throw new MigrationError(migration, error);
      }
      await tx.query(`INSERT INTO ${MIGRATIONS_TABLE} (version, name, applied_at) VALUES ($1, $2, $3)`, [migration.version, migration.name, now()]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}
