// @vitest-environment node
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrate, MigrationError, MIGRATIONS_TABLE } from './migrate';
import { MIGRATIONS, type Migration } from './migrations/index';
import { openPglite } from './pglite-client';
import type { SqlClient } from './sql-client';

let client: SqlClient;

beforeAll(async () => {
  client = await openPglite();
}, 60_000);

afterAll(async () => {
  await client?.close();
});

// Each test works in a schema of its own on the one database, so it starts from nothing.
beforeEach(async () => {
  const schema = `test_${crypto.randomUUID().replace(/-/g, '')}`;
  await client.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
});

async function tables(): Promise<string[]> {
  const rows = await client.query<{ name: string }>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1');
  return rows.map((row) => row.name);
}

async function recorded(): Promise<number[]> {
  return (await client.query<{ version: number }>(`SELECT version FROM ${MIGRATIONS_TABLE} ORDER BY version`)).map((row) => Number(row.version));
}

describe('migrations', () => {
  it('apply every migration in order on an empty database and record them', async () => {
    expect(await migrate(client)).toEqual([1, 2, 3, 4]);
    expect(await recorded()).toEqual([1, 2, 3, 4]);
    expect(await tables()).toEqual(expect.arrayContaining(['regulars_events', 'regulars_spins', 'regulars_messages', 'regulars_webhook_queue', MIGRATIONS_TABLE]));
  });

  it('are a no-op when run again', async () => {
    await migrate(client);
    const before = await tables();
    expect(await migrate(client)).toEqual([]);
    expect(await tables()).toEqual(before);
  });

  it('apply only the ones a database lacks', async () => {
    expect(await migrate(client, MIGRATIONS.slice(0, 1))).toEqual([1]);
    expect(await tables()).not.toContain('regulars_webhook_queue');
    expect(await migrate(client)).toEqual([2, 3, 4]);
    expect(await tables()).toContain('regulars_webhook_queue');
  });

  it('leave nothing behind when one fails, name it, and apply once fixed', async () => {
    const broken: Migration[] = [MIGRATIONS[0]!, { version: 2, name: 'broken', sql: 'CREATE TABLE half_done (id INTEGER); SELECT no_such_column FROM half_done;' }];
    const failure = await migrate(client, broken).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toMatch(/002-broken/);
    expect(await recorded()).toEqual([1]);
    expect(await tables()).not.toContain('half_done');
    expect(await migrate(client)).toEqual([2, 3, 4]);
  });

  it('004 keeps the spins recorded before it, without an attempt, and allows each attempt id once', async () => {
    await migrate(client, MIGRATIONS.slice(0, 3));
    await client.query("INSERT INTO regulars_spins (shopper, marketing_consent, segment, at) VALUES ('before', false, 'none', 1)");
    expect(await migrate(client)).toEqual([4]);
    expect(await client.query('SELECT shopper, attempt FROM regulars_spins')).toEqual([{ shopper: 'before', attempt: null }]);
    const insert = (shopper: string, attempt: string | null) =>
      client.query("INSERT INTO regulars_spins (shopper, marketing_consent, segment, at, attempt) VALUES ($1, false, 'none', 1, $2)", [shopper, attempt]);
    await insert('old-client', null);
    await insert('a', 'attempt-1');
    await expect(insert('b', 'attempt-1')).rejects.toThrow(/regulars_spins_attempt/);
  });

  it('refuse a list that is not in increasing order', async () => {
    await expect(migrate(client, [MIGRATIONS[1]!, MIGRATIONS[0]!])).rejects.toThrow(/increasing/);
  });

  it('are listed exactly as the numbered files of the migrations folder', () => {
    const folder = fileURLToPath(new URL('./migrations/', import.meta.url));
    const files = readdirSync(folder).filter((file) => /^\d{3}-.+\.ts$/.test(file) && !file.endsWith('.test.ts')).sort();
    expect(files.map((file) => file.replace(/\.ts$/, ''))).toEqual(MIGRATIONS.map((migration) => `${String(migration.version).padStart(3, '0')}-${migration.name}`));
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
  });
});
