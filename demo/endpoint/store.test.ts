// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createMemoryStore, type SpinRecord } from './store';
import { makeEvent } from './testing';

describe('memory store', () => {
  it('drops the oldest events past its bound', async () => {
    const store = createMemoryStore({ maxEvents: 3 });
    const events = Array.from({ length: 5 }, () => ({ ...makeEvent(), receivedAt: 0 }));
    expect(await store.addEvents(events)).toBe(5);
    expect((await store.listEvents()).map((event) => event.id)).toEqual(events.slice(2).map((event) => event.id));
  });

  it('hands out copies, so callers cannot change what is stored', async () => {
    const store = createMemoryStore();
    const spin: SpinRecord = { shopper: 's1', marketingConsent: false, segment: 'ten', prize: { label: 'Ten', code: 'C-1', expiresAt: 10 }, at: 1 };
    await store.claimSpin(spin, { since: 0, prizeCap: null });
    spin.prize!.code = 'CHANGED';
    const found = await store.findSpin({ shopper: 's1', since: 0 });
    found!.segment = 'changed';
    expect(await store.findSpin({ shopper: 's1', since: 0 })).toMatchObject({ segment: 'ten', prize: { code: 'C-1' } });
  });

  it('refuses a prize code that is already taken', async () => {
    const store = createMemoryStore();
    const spin = (shopper: string): SpinRecord => ({ shopper, marketingConsent: false, segment: 'ten', prize: { label: 'Ten', code: 'SAME', expiresAt: 10 }, at: 1 });
    expect(await store.claimSpin(spin('a'), { since: 0, prizeCap: null })).toEqual({ status: 'claimed' });
    expect(await store.claimSpin(spin('b'), { since: 0, prizeCap: null })).toEqual({ status: 'code_taken' });
  });

  it('counts hits in fixed windows', async () => {
    const store = createMemoryStore();
    expect(await store.hit('k', 1000, 0)).toEqual({ count: 1, resetAt: 1000 });
    expect(await store.hit('k', 1000, 999)).toEqual({ count: 2, resetAt: 1000 });
    expect(await store.hit('k', 1000, 1000)).toEqual({ count: 1, resetAt: 2000 });
  });

  it('forgets everything on reset', async () => {
    const store = createMemoryStore();
    await store.addEvents([{ ...makeEvent(), receivedAt: 0 }]);
    await store.recordHeartbeat('sam', 5);
    await store.addShopperMessage({
      shopper: 's1', conversation: null, newConversationId: 'c1', message: { id: 'm1', text: 'hi', at: 1 },
      details: { verified: false, knownCustomer: false, context: null },
    });
    await store.reset();
    expect(await store.listEvents()).toEqual([]);
    expect(await store.lastHeartbeat()).toBeNull();
    expect(await store.listConversations()).toEqual([]);
    expect(await store.listMessages('c1', 0, 10)).toEqual([]);
  });
});
