// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createMemoryStore, type SpinRecord } from './store';
import { describeStoreContract } from './store-contract';
import { makeEvent } from './testing';

describeStoreContract('memory store', async () => ({ store: createMemoryStore() }));

describe('memory store', () => {
  it('drops the oldest events past its bound', async () => {
    const store = createMemoryStore({ maxEvents: 3 });
    const events = Array.from({ length: 5 }, () => ({ ...makeEvent(), receivedAt: 0 }));
    expect(await store.addEvents(events)).toBe(5);
    expect((await store.listEvents()).map((event) => event.id)).toEqual(events.slice(2).map((event) => event.id));
  });

  it('keeps no reference to what it was given', async () => {
    const store = createMemoryStore();
    const spin: SpinRecord = { shopper: 's1', marketingConsent: false, segment: 'ten', prize: { label: 'Ten', code: 'C-1', expiresAt: 10 }, at: 1 };
    await store.claimSpin(spin, { since: 0, prizeCap: null });
    spin.prize!.code = 'CHANGED';
    const found = await store.findSpin({ shopper: 's1', since: 0 });
    found!.segment = 'changed';
    expect(await store.findSpin({ shopper: 's1', since: 0 })).toMatchObject({ segment: 'ten', prize: { code: 'C-1' } });
  });
});
