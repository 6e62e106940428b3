// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requestIdOf, withAccessLog } from './access-log';
import { createJsonLog, describeError, type LogEntry } from './json-log';
import { checkShopOptions, loadShopOptions } from './shop-options';
import { SqlQueryError } from './sql-client';

describe('access log', () => {
  it('logs method, path, status, time and request id once per request, and answers the id', async () => {
    const entries: LogEntry[] = [];
    let clock = 100;
    const handler = withAccessLog(async () => {
      clock += 12.34;
      return new Response(null, { status: 204 });
    }, (entry) => entries.push(entry), () => clock);
    const response = await handler(new Request('http://endpoint.test/regulars/events?shopper=s1&email=a%40b.co', { method: 'POST', body: '{"secret":"body"}', headers: { 'x-request-id': 'abc-123' } }));
    expect(response.headers.get('x-request-id')).toBe('abc-123');
    expect(entries).toEqual([{ level: 'info', msg: 'request', method: 'POST', path: '/regulars/events', status: 204, ms: 12.3, requestId: 'abc-123' }]);
  });

  it('logs a handler that throws as a 500 error and lets the error through', async () => {
    const entries: LogEntry[] = [];
    const handler = withAccessLog(() => Promise.reject(new Error('boom')), (entry) => entries.push(entry));
    await expect(handler(new Request('http://endpoint.test/x'))).rejects.toThrow('boom');
    expect(entries).toMatchObject([{ level: 'error', status: 500, path: '/x' }]);
  });

  it('makes a new request id unless the given one is short and plain', () => {
    const idOf = (value: string): string => requestIdOf(new Request('http://endpoint.test/', { headers: { 'x-request-id': value } }));
    expect(idOf('edge.1:2-3_4')).toBe('edge.1:2-3_4');
    for (const bad of ['has space', 'x'.repeat(65), '<script>', 'a\tb']) expect(idOf(bad)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes one JSON line per entry with the time first', () => {
    const lines: string[] = [];
    createJsonLog((line) => lines.push(line), () => Date.parse('2026-11-22T10:00:00.000Z'))({ level: 'info', msg: 'hello', n: 1 });
    expect(lines).toEqual(['{"time":"2026-11-22T10:00:00.000Z","level":"info","msg":"hello","n":1}\n']);
  });

  it('describes an error by kind, code and first line only', () => {
    expect(describeError(new SqlQueryError('duplicate key value\nDETAIL: Key (email)=(a@b.co)', '23505', 'x'))).toEqual({ error: 'SqlQueryError', code: '23505', detail: 'duplicate key value' });
    expect(describeError('text')).toEqual({ error: 'string' });
  });
});

describe('shop module', () => {
  it('loads the default export of a module', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'regulars-shop-'));
    try {
      const file = path.join(folder, 'shop.mjs');
      writeFileSync(file, 'export default { verifyEmails: true, chat: { replyTimeMinutes: 5 } };\n');
      expect(await loadShopOptions(file)).toEqual({ verifyEmails: true, chat: { replyTimeMinutes: 5 } });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses secrets, the store and anything else that belongs in the environment, naming where it goes', () => {
    for (const key of ['agentToken', 'identitySecret', 'store', 'allowedOrigins', 'rateLimits']) {
      expect(() => checkShopOptions({ [key]: 'x' }, 'shop.ts'), key).toThrow(new RegExp(`shop.ts sets "${key}".*environment variables`));
    }
    expect(() => checkShopOptions(null, 'shop.ts')).toThrow(/export default an object/);
  });
});
