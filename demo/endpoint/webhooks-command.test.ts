// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServe } from './load/child-server';
import { migrate } from './migrate';
import { openPglite } from './pglite-client';
import { DEV_AGENT_TOKEN } from './service-config';
import { createSqlStore } from './sql-store';
import { makeEvent } from './testing';
import { createSqlWebhookQueue } from './webhook-queue';
import { readWebhooksArguments, runWebhooksCommand } from './webhooks-command';

const sandbox = mkdtempSync(path.join(tmpdir(), 'regulars-webhooks-command-'));
const NOV_1 = Date.parse('2026-11-01T00:00:00.000Z');
const HOUR = 3_600_000;

afterAll(() => {
  rmSync(sandbox, { recursive: true, force: true });
});

/** Runs the command in this process; answers its exit status and what it wrote. */
async function run(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runWebhooksCommand(argv, env, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('webhooks command arguments', () => {
  it('read --resend, --since in both spellings, and pass --data-dir to the service configuration', () => {
    expect(readWebhooksArguments(['--resend', '--since', '2026-11-01T00:00:00Z', '--data-dir', '/var/lib/regulars'])).toEqual({
      help: false,
      resend: true,
      since: NOV_1,
      serviceArgs: ['--data-dir', '/var/lib/regulars'],
      problems: [],
    });
    expect(readWebhooksArguments(['--since=2026-11-01T00:00:00Z', '--resend', '--data-dir=x'])).toMatchObject({ since: NOV_1, serviceArgs: ['--data-dir=x'], problems: [] });
  });

  it('name every wrong argument', () => {
    expect(readWebhooksArguments(['--resent', '--since', 'yesterday', 'extra']).problems).toEqual([
      'Unknown argument --resent. Run npm run endpoint -- webhooks --help for the options.',
      '--since needs an ISO 8601 time, such as --since 2026-11-01T00:00:00Z; got "yesterday".',
      'Unknown argument extra. Run npm run endpoint -- webhooks --help for the options.',
    ]);
    expect(readWebhooksArguments(['--resend', '--since']).problems).toEqual(['--since needs an ISO 8601 time, such as --since 2026-11-01T00:00:00Z.']);
    expect(readWebhooksArguments(['--since', '2026-11-01T00:00:00Z']).problems).toEqual(['--since selects what --resend queues again; add --resend.']);
  });

  it('exit 2 on a wrong argument or setting, and on a store that keeps nothing, before opening anything', async () => {
    const unknown = await run(['--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/the arguments or settings are wrong\.\n {2}- Unknown argument --bogus\./);
    const setting = await run(['--data-dir'], { REGULARS_WEBHOOK_URL: 'ftp://hooks.example' });
    expect(setting.code).toBe(2);
    expect(setting.err).toMatch(/--data-dir needs a value[\s\S]*REGULARS_WEBHOOK_URL must be an absolute http\(s\) URL/);
    expect((await run([], { REGULARS_DATA_DIR: 'memory://' })).err).toMatch(/keeps nothing between processes/);
  });

  it('print the usage with --help', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: npm run endpoint -- webhooks \[--resend \[--since TIME\]\]/);
  });
});

describe('webhooks command on a PGlite data directory', { timeout: 60_000 }, () => {
  const dataDir = path.join(sandbox, 'data');
  const ids: string[] = [];

  beforeAll(async () => {
    const client = await openPglite(dataDir);
    await migrate(client);
    const events = [makeEvent(), makeEvent()].map((event) => ({ ...event, receivedAt: NOV_1 }));
    await createSqlStore(client, { forwardEvents: true, now: () => NOV_1 }).addEvents(events);
    await createSqlWebhookQueue(client).giveUp([events[0]!.id], 'HTTP 410', NOV_1 + HOUR);
    await createSqlWebhookQueue(client).giveUp([events[1]!.id], 'timed out', NOV_1 + 2 * HOUR);
    ids.push(...events.map((event) => event.id));
    await client.close();
  }, 60_000);

  it('refuses a directory that holds no endpoint database instead of creating one', async () => {
    const missing = await run(['--data-dir', path.join(sandbox, 'typo')]);
    expect(missing).toMatchObject({ code: 1, err: expect.stringMatching(/no endpoint database in .*typo/) });
  });

  it('shows the given-up deliveries', async () => {
    const shown = await run(['--data-dir', dataDir]);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain(`2 webhook deliveries given up (pglite ${dataDir}):`);
    expect(shown.out).toContain('given up         2026-11-01T01:00:00.000Z to 2026-11-01T02:00:00.000Z');
    expect(shown.out).toContain('last error       timed out');
  });

  it('when a running endpoint holds the directory, names its agent route, stopping it, or PostgreSQL', async () => {
    const holder = await openPglite(dataDir);
    try {
      const refused = await run(['--resend', '--since', '2026-11-01T02:00:00Z', '--data-dir', dataDir], { PORT: '9000' });
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(`in use by process ${process.pid}`);
      // This shell has no token, and the server may run with another: the hint names the variable, not the development default.
      expect(refused.err).toContain(`curl -X POST -H "Authorization: Bearer $REGULARS_AGENT_TOKEN" -H "Content-Type: application/json" -d '{"since":"2026-11-01T02:00:00.000Z"}' http://127.0.0.1:9000/regulars/agent/webhooks/resend`);
      expect(refused.err).toContain('REGULARS_AGENT_TOKEN is not set here: set it to the agent token that endpoint runs with');
      expect(refused.err).not.toContain(DEV_AGENT_TOKEN);
      expect(refused.err).toMatch(/stop it[\s\S]*PostgreSQL \(DATABASE_URL\)/);
      const production = await run(['--data-dir', dataDir], { REGULARS_AGENT_TOKEN: 'f'.repeat(40) });
      expect(production.err).toContain('curl -H "Authorization: Bearer $REGULARS_AGENT_TOKEN" http://127.0.0.1:8787/regulars/agent/webhooks');
      expect(production.err).not.toContain('f'.repeat(40));
      expect(production.err).not.toContain('is not set here');
    } finally {
      await holder.close();
    }
  });

  it('resends those given up since a time, then the rest, then nothing', async () => {
    expect((await run(['--resend', '--since', '2026-11-01T02:00:00Z', '--data-dir', dataDir])).out).toBe(
      'Queued 1 webhook delivery again (given up since 2026-11-01T02:00:00.000Z).\nREGULARS_WEBHOOK_URL is not set here: an endpoint started with it sends them.',
    );
    const rest = await run(['--resend', '--data-dir', dataDir], { REGULARS_WEBHOOK_URL: 'https://hooks.shop.example/regulars', REGULARS_WEBHOOK_SECRET: 's'.repeat(40) });
    expect(rest).toMatchObject({ code: 0, out: 'Queued 1 webhook delivery again.\nThe endpoint sends them when it starts.' });
    expect(await run(['--resend', '--data-dir', dataDir])).toMatchObject({ code: 0, out: 'Queued 0 webhook deliveries again.' });
    expect((await run(['--data-dir', dataDir])).out).toMatch(/^No webhook deliveries were given up/);

    const client = await openPglite(dataDir);
    const rows = await client.query<{ event_id: string; attempts: number }>('SELECT event_id, attempts FROM regulars_webhook_queue WHERE next_attempt_at IS NOT NULL ORDER BY event_id');
    await client.close();
    expect(rows).toEqual([...ids].sort().map((id) => ({ event_id: id, attempts: 0 })));
  });
});

describe('npm run endpoint -- webhooks', { timeout: 60_000 }, () => {
  it('exits 2 on an unknown flag, naming it', async () => {
    const { output, exited } = runServe(['webhooks', '--resend', '--force']);
    expect((await exited).code).toBe(2);
    expect(output.join('\n')).toContain('Unknown argument --force.');
  });

  it('prints the summary and exits without starting a server', async () => {
    const dataDir = path.join(sandbox, 'served');
    const client = await openPglite(dataDir);
    await migrate(client);
    await client.close();
    const { output, exited } = runServe(['webhooks', '--data-dir', dataDir]);
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(output).toEqual([`No webhook deliveries were given up (pglite ${dataDir}).`]);
  });
});
