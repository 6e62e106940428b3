// @vitest-environment node
/**
 * The erasure SQL docs/privacy.md gives merchants, run as written against the reference schema: one
 * shopper's data goes from every table, another shopper's stays. If the schema moves, the doc fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEndpointHandler } from './handler';
import { useMigratedPglite } from './migrated-pglite';
import { createSqlStore } from './sql-store';
import { call, makeEvent } from './testing';

const PRIVACY_DOC = new URL('../../docs/privacy.md', import.meta.url);

/** The statements of the doc's erasure block (the first sql block after "To erase one shopper"). */
function erasureStatements(): string[] {
  const doc = readFileSync(PRIVACY_DOC, 'utf8');
  const block = /To erase one shopper[^]*?```sql\n([^]*?)```/.exec(doc)![1]!;
  return block
    .split('\n')
    .map((line) => line.replace(/--.*$/, '').trim())
    .filter(Boolean)
    .map((line) => line.replace(/;$/, ''));
}

describe('the erasure SQL in docs/privacy.md', () => {
  const database = useMigratedPglite();

  it('erases one shopper from every table and keeps everyone else', async () => {
    const store = createSqlStore(database.client, { forwardEvents: true });
    await store.reset();
    const wheel = { segments: [{ id: 'ten', label: '10% off', weight: 1, prize: { label: '10% off' } }, { id: 'none', label: 'Next time', weight: 0 }] };
    const handler = createEndpointHandler({ store, wheel, rateLimits: { spin: false } });
    for (const [shopper, email] of [['gone', 'gone@example.com'], ['kept', 'kept@example.com']] as const) {
      expect((await call(handler, 'POST', '/events', { events: [makeEvent({ shopper })] })).status).toBe(204);
      expect((await call(handler, 'POST', '/wheel/spin', { shopper, email, consent: { marketing: true } })).status).toBe(200);
      expect((await call(handler, 'POST', '/accounts', { shopper, email, consent: { marketing: false }, source: 'account-prompt' })).status).toBeLessThan(300);
      expect((await call(handler, 'POST', '/chat/messages', { shopper, id: crypto.randomUUID(), text: `hello from ${shopper}`, email })).status).toBeLessThan(300);
    }

    await database.client.transaction(async (tx) => {
      // Each statement gets the parameters it names ($1 the shopper id, $2 the email), as psql or a driver would pass them.
      for (const statement of erasureStatements()) await tx.query(statement, ['gone', 'gone@example.com'].slice(0, statement.includes('$2') ? 2 : 1));
    });

    const count = async (sql: string) => Number((await database.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`))[0]!.n);
    const tables = ['regulars_events', 'regulars_webhook_queue', 'regulars_spins', 'regulars_spin_slots', 'regulars_accounts', 'regulars_conversations', 'regulars_messages', 'regulars_chat_shoppers'];
    const rows = Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(table)] as const)));
    const mentions = await count(`(SELECT row_to_json(t)::text AS row FROM regulars_events t UNION ALL SELECT row_to_json(t)::text FROM regulars_spins t
      UNION ALL SELECT row_to_json(t)::text FROM regulars_spin_slots t UNION ALL SELECT row_to_json(t)::text FROM regulars_accounts t
      UNION ALL SELECT row_to_json(t)::text FROM regulars_conversations t UNION ALL SELECT row_to_json(t)::text FROM regulars_messages t
      UNION ALL SELECT row_to_json(t)::text FROM regulars_chat_shoppers t) everything WHERE row LIKE '%gone%'`);
    expect(mentions).toBe(0);
    for (const table of tables) expect(rows[table], table).toBeGreaterThan(0);
  });
});
