// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { openPostgres } from './postgres-client';
import { isUnavailableError, SqlQueryError, toStoreError } from './sql-client';
import { StoreUnavailableError } from './store';

const driverError = (message: string, fields: Record<string, unknown>): Error => Object.assign(new Error(message), fields);

describe('database errors', () => {
  it('count as "unavailable" for lost connections, shutdowns and refused sockets', () => {
    for (const code of ['08006', '08001', '57P01', '57P03', '53300', 'ECONNREFUSED', 'ETIMEDOUT']) expect(isUnavailableError(driverError('x', { code }), false), code).toBe(true);
    expect(isUnavailableError(new Error('Connection terminated unexpectedly'), false)).toBe(true);
    expect(isUnavailableError(new Error('PGlite is closed'), false)).toBe(true);
    expect(isUnavailableError(driverError('duplicate key', { code: '23505' }), true)).toBe(true);
    for (const code of ['23505', '42P01', '22P02']) expect(isUnavailableError(driverError('x', { code }), false), code).toBe(false);
  });

  it('keep their code and message but never the statement’s parameters', () => {
    const converted = toStoreError(driverError('duplicate key value violates unique constraint "regulars_accounts_pkey"', { code: '23505', constraint: 'regulars_accounts_pkey', params: ['ada@example.com'], query: 'INSERT …' }), false);
    expect(converted).toBeInstanceOf(SqlQueryError);
    expect(converted).toMatchObject({ code: '23505', constraint: 'regulars_accounts_pkey' });
    expect(JSON.stringify(converted) + String(converted)).not.toContain('ada@example.com');
    expect(Object.keys(converted)).not.toContain('params');
    expect(toStoreError(driverError('gone', { code: '57P01' }), false)).toBeInstanceOf(StoreUnavailableError);
  });

  it('make an unreachable PostgreSQL fail fast as unavailable', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    await expect(openPostgres('postgres://regulars@127.0.0.1:1/regulars', { connectTimeoutMs: 2_000 })).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
