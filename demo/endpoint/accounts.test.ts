// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createEndpointHandler } from './handler';
import { createMemoryStore } from './store';
import { call, readError, readJson } from './testing';

const signUp = (email: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  shopper: 'shopper-1',
  email,
  name: 'Ada',
  consent: { marketing: true },
  source: 'account-prompt',
  ...overrides,
});

describe('POST /accounts', () => {
  it('creates an account, then answers exists for the same email in any case', async () => {
    const handler = createEndpointHandler();
    const created = await call(handler, 'POST', '/accounts?v=1', signUp('ada@example.com'));
    expect(created.status).toBe(200);
    expect(await readJson(created)).toEqual({ status: 'created' });
    const again = await call(handler, 'POST', '/accounts', signUp('  ADA@Example.com ', { shopper: 'shopper-2' }));
    expect(await readJson(again)).toEqual({ status: 'exists' });
  });

  it('keeps what the shopper agreed to', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({ store, now: () => 1_000 });
    await call(handler, 'POST', '/accounts', signUp('grace@example.com', { consent: { marketing: false }, name: undefined }));
    const result = await store.createAccount({
      email: 'grace@example.com', shopper: 'x', marketingConsent: true, source: 'x', verified: true, createdAt: 2_000,
    });
    expect(result).toEqual({
      status: 'exists',
      account: { email: 'grace@example.com', shopper: 'shopper-1', marketingConsent: false, source: 'account-prompt', verified: true, createdAt: 1_000 },
    });
  });

  it('answers verification_sent when emails must be verified, again for a repeat before verification', async () => {
    const handler = createEndpointHandler({ verifyEmails: true });
    expect(await readJson(await call(handler, 'POST', '/accounts', signUp('lin@example.com')))).toEqual({ status: 'verification_sent' });
    expect(await readJson(await call(handler, 'POST', '/accounts', signUp('lin@example.com')))).toEqual({ status: 'verification_sent' });
  });

  it('refuses a malformed email with invalid_email', async () => {
    const handler = createEndpointHandler();
    for (const email of ['', 'plain', 'a@b', 'two@@example.com', 'sp ace@example.com', `${'x'.repeat(65)}@example.com`, 42]) {
      const response = await call(handler, 'POST', '/accounts', signUp('x', { email }));
      expect(response.status, String(email)).toBe(400);
      expect((await readError(response)).code).toBe('invalid_email');
    }
  });

  it('refuses a body without consent, shopper or source, naming the field', async () => {
    const handler = createEndpointHandler();
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [signUp('a@example.com', { consent: undefined }), /^consent/],
      [signUp('a@example.com', { consent: { marketing: 'yes' } }), /consent\.marketing/],
      [signUp('a@example.com', { shopper: undefined }), /^shopper/],
      [signUp('a@example.com', { source: '' }), /^source/],
      [signUp('a@example.com', { name: 'n'.repeat(101) }), /^name/],
    ];
    for (const [body, field] of cases) {
      const response = await call(handler, 'POST', '/accounts', body);
      expect(response.status).toBe(400);
      expect((await readError(response)).message).toMatch(field);
    }
  });

  it('limits sign-ups per client address', async () => {
    const handler = createEndpointHandler({ rateLimits: { accounts: { max: 3, windowMs: 60_000 } } });
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      statuses.push((await call(handler, 'POST', '/accounts', signUp(`p${index}@example.com`))).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});
