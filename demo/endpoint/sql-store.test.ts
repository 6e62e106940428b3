// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createEndpointHandler, type WheelOptions } from './handler';
import { migrate } from './migrate';
import { openPglite } from './pglite-client';
import { useMigratedPglite } from './migrated-pglite';
import { createSqlStore, storable } from './sql-store';
import { describeStoreContract } from './store-contract';
import { call, makeEvent, readError, readJson } from './testing';

describeStoreContract('SQL store on PGlite', async () => {
  const client = await openPglite();
  await migrate(client);
  return { store: createSqlStore(client), close: () => client.close() };
});

describe('SQL store on PGlite', () => {
  const database = useMigratedPglite();

  it('serves the endpoint: events kept once, one prize for 100 parallel spins of one shopper', async () => {
    const store = createSqlStore(database.client);
    await store.reset();
    const wheel: WheelOptions = { segments: [{ id: 'ten', label: '10% off', weight: 1, prize: { label: '10% off' } }, { id: 'none', label: 'Next time', weight: 0 }] };
    const handler = createEndpointHandler({ store, wheel, rateLimits: { spin: false } });
    const batch = { events: [makeEvent(), makeEvent()] };
    expect((await call(handler, 'POST', '/events', batch)).status).toBe(204);
    expect((await call(handler, 'POST', '/events', batch)).status).toBe(204);
    expect(await store.listEvents()).toHaveLength(2);

    const answers = await Promise.all(Array.from({ length: 100 }, () => call(handler, 'POST', '/wheel/spin', { shopper: 'greedy' })));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    for (const answer of answers.filter((candidate) => candidate.status !== 200)) expect((await readError(answer)).code).toBe('already_spun');
    expect(await store.prizeCounts()).toEqual({ ten: 1 });
    const wheelAnswer = await readJson<{ available: boolean; previous?: { segment: string } }>(await call(handler, 'GET', '/wheel?shopper=greedy'));
    expect(wheelAnswer).toMatchObject({ available: false, previous: { segment: 'ten' } });
  });

  it('answers 503 once its database is closed, so clients retry later', async () => {
    const own = await openPglite();
    await migrate(own);
    const handler = createEndpointHandler({ store: createSqlStore(own) });
    await own.close();
    const response = await call(handler, 'POST', '/events', { events: [makeEvent()] });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).not.toBeNull();
  });

  it('queues each new event for the webhook in the same statement, and only new ones', async () => {
    const store = createSqlStore(database.client, { forwardEvents: true });
    await store.reset();
    const [a, b] = [{ ...makeEvent(), receivedAt: 1 }, { ...makeEvent(), receivedAt: 1 }];
    expect(await store.addEvents([a, b])).toBe(2);
    expect(await store.addEvents([a, b])).toBe(0);
    const queued = await database.client.query<{ event_id: string }>('SELECT event_id FROM regulars_webhook_queue ORDER BY event_id');
    expect(queued.map((row) => row.event_id)).toEqual([a.id, b.id].sort());
  });

  it('makes text storable: lone surrogates and NUL become U+FFFD, everything else stays', () => {
    expect(storable({ 'k\u0000': ['a\uD83E', '\uDDF5b', '🧵', 'plain'], n: 1, t: true, z: null })).toEqual({ 'k\uFFFD': ['a\uFFFD', '\uFFFDb', '🧵', 'plain'], n: 1, t: true, z: null });
  });
});
