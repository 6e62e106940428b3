// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runServe, startEndpointProcess } from './load/child-server';

const sandbox = mkdtempSync(path.join(tmpdir(), 'regulars-serve-'));

afterAll(() => {
  rmSync(sandbox, { recursive: true, force: true });
});

describe('npm run endpoint', { timeout: 60_000 }, () => {
  it('prints its usage with --help', async () => {
    const { output, exited } = runServe(['--help']);
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(output.join('\n')).toMatch(/^Usage: npm run endpoint/);
    expect(output.join('\n')).toContain('REGULARS_WEBHOOK_SECRET');
  });

  it('names wrong settings and exits 2', async () => {
    const { output, exited } = runServe(['--port', 'eighty'], { REGULARS_ALLOWED_ORIGINS: 'https://shop.example/' });
    expect((await exited).code).toBe(2);
    expect(output.join('\n')).toMatch(/port must be a number[\s\S]*"https:\/\/shop\.example\/" is not an origin/);
  });

  it('refuses to start in production with a published token, open origins and no data directory, one line each', async () => {
    const { output, exited } = runServe(['--production', '--data-dir', 'memory://'], { REGULARS_AGENT_TOKEN: 'regulars-dev-agent-token' });
    expect((await exited).code).toBe(1);
    const text = output.join('\n');
    expect(text).toMatch(/refuses to start in production/);
    expect(text).toMatch(/- REGULARS_ALLOWED_ORIGINS is not set/);
    expect(text).toMatch(/- REGULARS_AGENT_TOKEN is a published default/);
    expect(text).toMatch(/- REGULARS_DATA_DIR=memory:\/\/ loses every event/);
    expect(text).not.toMatch(/listening/);
  });

  it('listens where it says, refuses a second server on its data directory, and stops cleanly on SIGTERM', async () => {
    const dataDir = path.join(sandbox, 'data');
    const server = await startEndpointProcess({ dataDir });
    try {
      expect(server.endpointUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/regulars$/);
      const health = await fetch(new URL('/health', server.endpointUrl));
      expect(await health.json()).toEqual({ status: 'ok' });
      const listening = JSON.parse(server.output.find((line) => line.includes('listening'))!) as Record<string, unknown>;
      expect(listening).toMatchObject({ level: 'info', store: `pglite ${dataDir}`, production: false });

      const second = runServe(['--port', '0', '--data-dir', dataDir]);
      expect((await second.exited).code).toBe(1);
      expect(second.output.join('\n')).toMatch(new RegExp(`in use by process ${server.child.pid}`));
    } finally {
      expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    }
    const lines = server.output.map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['SIGTERM: finishing in-flight requests, then stopping', 'stopped']));
  });
});
