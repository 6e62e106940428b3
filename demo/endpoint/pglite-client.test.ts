// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirectoryLockedError, LOCK_FILE } from './data-dir-lock';
import { migrate } from './migrate';
import { openPglite } from './pglite-client';
import { createSqlStore } from './sql-store';
import { makeEvent } from './testing';

const sandbox = mkdtempSync(path.join(tmpdir(), 'regulars-pglite-'));

afterAll(() => {
  rmSync(sandbox, { recursive: true, force: true });
});

describe('PGlite in a data directory', () => {
  it('starts in memory too, and empty', async () => {
    const memory = await openPglite();
    expect(await memory.query('SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = current_schema()')).toEqual([{ tables: 0 }]);
    await memory.close();
  }, 60_000);

  it('keeps what was stored across a restart, without applying migrations twice', async () => {
    const directory = path.join(sandbox, 'restart');
    const first = await openPglite(directory);
    expect(await migrate(first)).toEqual([1, 2, 3, 4]);
    const event = { ...makeEvent(), receivedAt: 1 };
    await createSqlStore(first).addEvents([event]);
    await first.close();

    const second = await openPglite(directory);
    expect(await migrate(second)).toEqual([]);
    expect(await createSqlStore(second).listEvents()).toEqual([event]);
    await second.close();
  }, 60_000);

  it('refuses a second opener while the first is open, and takes over a lock its dead owner left', async () => {
    const directory = path.join(sandbox, 'locked');
    const first = await openPglite(directory);
    const refused = await openPglite(directory).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DirectoryLockedError);
    expect((refused as Error).message).toContain(String(process.pid));
    await first.close();

    // A process that has exited leaves a lock with a pid nobody has.
    const deadPid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(path.join(directory, LOCK_FILE), deadPid);
    const reopened = await openPglite(directory);
    await reopened.close();
  }, 60_000);
});
