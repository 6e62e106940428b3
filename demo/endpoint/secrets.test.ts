// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeIdentityHash } from './auth';
import { createEndpointHandler } from './handler';
import { createMemoryStore } from './store';
import { call } from './testing';

const AGENT_TOKEN = `agent-${crypto.randomUUID()}`;
const IDENTITY_SECRET = `identity-${crypto.randomUUID()}`;

/** Every answer as text: status, headers and body. */
async function everything(response: Response): Promise<string> {
  return `${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`;
}

describe('secrets', () => {
  it('never appear in any answer of the endpoint, whatever the request', async () => {
    const store = createMemoryStore();
    const handler = createEndpointHandler({
      store,
      agentToken: AGENT_TOKEN,
      identitySecret: IDENTITY_SECRET,
      wheel: { segments: [{ id: 'a', label: 'A', weight: 1, prize: { label: 'A prize' } }, { id: 'b', label: 'B', weight: 1 }] },
      products: () => [],
      onError: () => undefined,
    });
    const agent = { authorization: `Bearer ${AGENT_TOKEN}` };
    const goodHash = await computeIdentityHash(IDENTITY_SECRET, 'cust-1');
    const first = await call(handler, 'POST', '/chat/messages', { shopper: 's1', id: 'm1', text: 'hi', customer: 'cust-1', identityHash: goodHash });
    const { conversation } = (await first.clone().json()) as { conversation: string };
    const answers = [
      first,
      await call(handler, 'GET', ''),
      await call(handler, 'GET', '/health'),
      await call(handler, 'POST', '/events', { events: [{ id: 'e', type: 't', at: 'now', shopper: 's', page: {} }] }),
      await call(handler, 'POST', '/accounts', { shopper: 's1', email: 'a@example.com', consent: { marketing: true }, source: 'x' }),
      await call(handler, 'GET', '/wheel?shopper=s1'),
      await call(handler, 'POST', '/wheel/spin', { shopper: 's1' }),
      await call(handler, 'POST', '/wheel/spin', { shopper: 's1' }),
      await call(handler, 'GET', '/chat/status'),
      await call(handler, 'POST', '/chat/messages', { shopper: 's1', id: 'm2', text: 'hi', customer: 'cust-1', identityHash: '0'.repeat(64) }),
      await call(handler, 'POST', '/chat/messages', { shopper: 's1', id: 'm1', text: 'other' }),
      await call(handler, 'GET', `/chat/messages?shopper=s1&conversation=${conversation}`),
      await call(handler, 'POST', '/products/status', { products: [{ id: 'x' }] }),
      await call(handler, 'GET', '/agent/conversations', undefined, { headers: agent }),
      await call(handler, 'GET', `/agent/conversations/${conversation}`, undefined, { headers: agent }),
      await call(handler, 'GET', '/agent/conversations', undefined, { headers: { authorization: `Bearer ${AGENT_TOKEN.slice(0, -1)}` } }),
      await call(handler, 'GET', '/agent/conversations', undefined, { headers: { authorization: AGENT_TOKEN } }),
      await call(handler, 'POST', `/agent/conversations/${conversation}/messages`, { text: 'reply' }, { headers: agent }),
      await call(handler, 'POST', '/agent/heartbeat', {}, { headers: agent }),
      await call(handler, 'GET', '/agent/conversations', undefined, { headers: { ...agent, origin: 'https://shop.example' } }),
      await call(handler, 'POST', '/events', undefined, { raw: '{broken' }),
      await call(handler, 'DELETE', '/events'),
      await call(handler, 'GET', '/chat/status?v=9'),
    ];
    const text = (await Promise.all(answers.map(everything))).join('\n');
    expect(text).toContain('"conversations"');
    expect(text).not.toContain(AGENT_TOKEN);
    expect(text).not.toContain(AGENT_TOKEN.slice(0, 20));
    expect(text).not.toContain(IDENTITY_SECRET);
    expect(text).not.toContain(goodHash);
  });

  it('have no name or value in the bundle’s sources (src/, tests aside)', () => {
    const root = fileURLToPath(new URL('../../src/', import.meta.url));
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((file) => /\.(ts|tsx|css|json)$/.test(file) && !/\.test\.tsx?$/.test(file));
    expect(files.length).toBeGreaterThan(20);
    const forbidden = /agentToken|identitySecret|webhookSecret|REGULARS_(AGENT_TOKEN|IDENTITY_SECRET|WEBHOOK_SECRET)|DATABASE_URL|demo-agent-token|demo-identity-secret|regulars-dev-(agent-token|identity-secret)/;
    const offenders = files.filter((file) => forbidden.test(readFileSync(path.join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
