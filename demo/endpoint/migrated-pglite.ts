/** Test helper: one migrated in-memory PGlite per describe block, opened before and closed after. */
import { afterAll, beforeAll } from 'vitest';
import { migrate } from './migrate';
import { openPglite } from './pglite-client';
import type { SqlClient } from './sql-client';

/** Opens a migrated in-memory PGlite for the surrounding describe block; read `.client` inside tests. */
export function useMigratedPglite(): { readonly client: SqlClient } {
  const state = {} as { client: SqlClient };
  beforeAll(async () => {
    state.client = await openPglite();
    await migrate(state.client);
  }, 60_000);
  afterAll(async () => {
    await state.client?.close();
  });
  return state;
}
