// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createEndpointHandler } from '../endpoint/handler';
import { makeEvent } from '../endpoint/testing';
import { createEndpointGate } from './endpoint-gate';
import { createRequestLog } from './request-log';

const BASE = 'http://127.0.0.1:5173/regulars';
const TOKEN = 'demo-agent-token';

function setup() {
  const log = createRequestLog();
  const gate = createEndpointGate({ handler: createEndpointHandler({ agentToken: TOKEN, onError: () => {} }), log, basePath: '/regulars', allowedOrigins: '*' });
  return { log, gate };
}

describe('endpoint gate', () => {
  it('logs what the widgets send, but not the agent inbox polling the agent routes', async () => {
    const { log, gate } = setup();
    const agent = { authorization: `Bearer ${TOKEN}` };
    const events = await gate.handle(
      new Request(`${BASE}/events?v=1`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify({ events: [makeEvent()] }) }),
      {},
    );
    expect(events.status).toBe(204);
    expect((await gate.handle(new Request(`${BASE}/agent/conversations`, { headers: agent }), {})).status).toBe(200);
    expect((await gate.handle(new Request(`${BASE}/agent/conversations/unknown`, { headers: agent }), {})).status).toBe(404);
    const heartbeat = await gate.handle(
      new Request(`${BASE}/agent/heartbeat`, { method: 'POST', headers: { ...agent, 'content-type': 'application/json' }, body: '{"agent":"demo-inbox"}' }),
      {},
    );
    expect(heartbeat.status).toBe(200);
    expect((await gate.handle(new Request(`${BASE}/chat/status?v=1&shopper=s-1`), {})).status).toBe(200);

    expect(log.since(0).map((entry) => [entry.method, entry.path, entry.status])).toEqual([
      ['POST', '/events', 204],
      ['GET', '/chat/status', 200],
    ]);
  });
});
