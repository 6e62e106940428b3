// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { MalformedDatabaseUrlError, openServiceStore } from './open-store';
import { PGLITE_MEMORY } from './pglite-client';
import { runWebhooksCommand } from './webhooks-command';

describe('opening the service store', () => {
  it('says a DATABASE_URL is not a PostgreSQL URL instead of calling the store unavailable, without quoting it', async () => {
    for (const databaseUrl of ['notaurl', 'postgres//user:secret-password@db.example/shop', 'mysql://user:secret-password@db.example/shop']) {
      const opening = openServiceStore({ databaseUrl, dataDir: PGLITE_MEMORY }, { forwardEvents: false });
      await expect(opening, databaseUrl).rejects.toBeInstanceOf(MalformedDatabaseUrlError);
      await expect(opening).rejects.toThrow('DATABASE_URL is not a PostgreSQL URL; use one such as postgres://user:password@host:5432/database.');
    }
  });

  it('tells the webhooks command the same', async () => {
    const errors: string[] = [];
    const code = await runWebhooksCommand([], { DATABASE_URL: 'notaurl' }, { out: () => undefined, err: (line) => errors.push(line) });
    expect(code).toBe(1);
    expect(errors.join('\n')).toBe('Regulars webhooks: the store could not be opened: DATABASE_URL is not a PostgreSQL URL; use one such as postgres://user:password@host:5432/database.');
  });
});
