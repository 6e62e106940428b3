// @vitest-environment node
/**
 * The store contract and the migrations on a real PostgreSQL server. Runs only when DATABASE_URL
 * points at one (it creates and then drops its own schema there); skipped otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations/index';
import { openPostgres } from './postgres-client';
import type { SqlClient } from './sql-client';
import { createSqlStore } from './sql-store';
import { describeStoreContract } from './store-contract';
import { makeEvent } from './testing';
import { createSqlWebhookQueue } from './webhook-queue';

const databaseUrl = process.env.DATABASE_URL;

/** A connection string whose connections use `schema` as their search path. */
function inSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

const schemas: string[] = [];

async function openInFreshSchema(): Promise<SqlClient> {
  const schema = `regulars_test_${crypto.randomUUID().replace(/-/g, '')}`;
  const admin = await openPostgres(databaseUrl!);
  await admin.exec(`CREATE SCHEMA ${schema}`);
  await admin.close();
  schemas.push(schema);
  return openPostgres(inSchema(databaseUrl!, schema), { maxConnections: 10 });
}

describe.skipIf(!databaseUrl)('PostgreSQL server (DATABASE_URL)', () => {
  afterAll(async () => {
    const admin = await openPostgres(databaseUrl!);
    for (const schema of schemas) await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  });

  describeStoreContract('SQL store on PostgreSQL', async () => {
    const client = await openInFreshSchema();
    await migrate(client);
    return { store: createSqlStore(client), close: () => client.close() };
  });

  describe('webhook resend', () => {
    it('queues each given-up event once when two processes resend at the same time, and no sender claims it twice', async () => {
      const first = await openInFreshSchema();
      await migrate(first);
      const second = await openPostgres(inSchema(databaseUrl!, schemas[schemas.length - 1]!));
      try {
        const events = Array.from({ length: 20 }, () => ({ ...makeEvent(), receivedAt: Date.now() }));
        await createSqlStore(first, { forwardEvents: true }).addEvents(events);
        await createSqlWebhookQueue(first).giveUp(events.map((event) => event.id), 'HTTP 410', Date.now());
        const counts = await Promise.all([createSqlWebhookQueue(first).resend(), createSqlWebhookQueue(second).resend()]);
        expect(counts[0] + counts[1]).toBe(20);
        const lease = Date.now() + 60_000;
        const claims = await Promise.all([createSqlWebhookQueue(first).claim(Date.now(), 15, lease), createSqlWebhookQueue(second).claim(Date.now(), 15, lease)]);
        const claimed = claims.flat().map((item) => item.event.id);
        expect(new Set(claimed).size).toBe(claimed.length);
        expect(claimed).toHaveLength(20);
        expect(claims.flat().every((item) => item.attempts === 1)).toBe(true);
      } finally {
        await second.close();
        await first.close();
      }
    });
  });

  describe('migrations', () => {
    let client: SqlClient;

    beforeAll(async () => {
      client = await openInFreshSchema();
    });

    afterAll(async () => {
      await client?.close();
    });

    it('apply once even when two servers start at the same time', async () => {
      const other = await openPostgres(inSchema(databaseUrl!, schemas[schemas.length - 1]!));
      const [first, second] = await Promise.all([migrate(client), migrate(other)]);
      await other.close();
      expect([...first, ...second].sort()).toEqual(MIGRATIONS.map((migration) => migration.version));
      expect(await migrate(client)).toEqual([]);
    });
  });
});
