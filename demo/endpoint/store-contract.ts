/**
 * The behaviour every `EndpointStore` must have, as one Vitest suite that each store's test file
 * runs against its own store (memory, PGlite, PostgreSQL), so they cannot drift apart.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationDetails, EndpointStore, NewMessage, SpinRecord, StoredEvent } from './store';
import { makeEvent } from './testing';

/** An open store and how to close it. */
export interface OpenedStore {
  store: EndpointStore;
  close?: () => Promise<void>;
}

const DAY = 24 * 60 * 60 * 1000;

const stored = (overrides: Partial<StoredEvent> = {}): StoredEvent => ({ ...makeEvent(), receivedAt: 1_000, ...overrides });

const spin = (overrides: Partial<SpinRecord> = {}): SpinRecord => ({
  shopper: 's1',
  marketingConsent: false,
  segment: 'ten',
  prize: { label: '10% off', code: `TEN-${crypto.randomUUID()}`, expiresAt: 10 * DAY },
  at: 1_000,
  ...overrides,
});

const anonymous: ConversationDetails = { verified: false, knownCustomer: false, context: null };

const message = (overrides: Partial<NewMessage> = {}): NewMessage => ({ id: crypto.randomUUID(), text: 'Hello?', at: 1_000, ...overrides });

/** Runs the store contract against the store `open` answers; the store is opened once and reset before each test. */
export function describeStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`${name}: store contract`, () => {
    let opened: OpenedStore;
    let store: EndpointStore;

    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    }, 60_000);

    afterAll(async () => {
      await opened?.close?.();
    });

    beforeEach(async () => {
      await store.reset();
    });

    const say = (shopper: string, conversation: string | null, text = 'Hello?', details = anonymous, id = crypto.randomUUID()) =>
      store.addShopperMessage({ shopper, conversation, newConversationId: crypto.randomUUID(), message: message({ id, text }), details });

    describe('events', () => {
      it('keeps each id once, across and within batches, oldest first, and counts the new ones', async () => {
        const [a, b, c] = [stored(), stored(), stored()];
        expect(await store.addEvents([a!, b!])).toBe(2);
        expect(await store.addEvents([a!, b!])).toBe(0);
        expect(await store.addEvents([c!, c!, a!])).toBe(1);
        expect(await store.addEvents([])).toBe(0);
        expect((await store.listEvents()).map((event) => event.id)).toEqual([a!.id, b!.id, c!.id]);
      });

      it('keeps an event exactly as received, product and free-form data included', async () => {
        const event = stored({
          type: 'product_viewed',
          customer: 'cust-9',
          product: { id: 'rg-1001', name: 'Linen Overshirt', url: 'https://shop.example/p/1', image: null, price: 89.5, currency: 'EUR', sku: 'RG-1001', availability: 'in_stock' },
          data: { nested: { list: [1, 'two', null, true] }, emoji: '🧵' },
          receivedAt: 1_763_805_600_123,
        });
        await store.addEvents([event]);
        expect(await store.listEvents()).toEqual([event]);
      });

      it('lists one shopper’s events', async () => {
        const mine = stored({ shopper: 'me' });
        await store.addEvents([stored({ shopper: 'other' }), mine]);
        expect(await store.listEvents({ shopper: 'me' })).toEqual([mine]);
      });

      it('hands out copies, so callers cannot change what is stored', async () => {
        await store.addEvents([stored({ type: 'page_viewed' })]);
        const [first] = await store.listEvents();
        first!.type = 'changed';
        expect((await store.listEvents())[0]!.type).toBe('page_viewed');
      });

      it('stores any text, even a NUL character or half of an emoji, without failing', async () => {
        const odd = stored({ page: { url: 'https://shop.example/\u0000', title: 'Half \uD83E of an emoji', referrer: '' }, data: { 'key\u0000': 'v' } });
        expect(await store.addEvents([odd])).toBe(1);
        expect(await store.addEvents([odd])).toBe(0);
        expect(await store.listEvents()).toHaveLength(1);
      });

      it('keeps each id once when 100 overlapping batches arrive in parallel', async () => {
        const events = Array.from({ length: 120 }, () => stored());
        const batches = Array.from({ length: 100 }, (_, index) => events.slice(index % 80, (index % 80) + 40));
        const added = await Promise.all(batches.map((batch) => store.addEvents(batch)));
        expect(added.reduce((sum, count) => sum + count, 0)).toBe(119);
        const ids = (await store.listEvents()).map((event) => event.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(new Set(events.slice(0, 119).map((event) => event.id)));
      });
    });

    describe('accounts', () => {
      it('creates one account per email and answers the existing one after', async () => {
        const account = { email: 'ada@example.com', name: 'Ada', shopper: 's1', marketingConsent: true, source: 'account-prompt', verified: true, createdAt: 5 };
        expect(await store.createAccount(account)).toEqual({ status: 'created' });
        expect(await store.createAccount({ ...account, name: 'Other', shopper: 's2', createdAt: 9 })).toEqual({ status: 'exists', account });
        const nameless = { email: 'lin@example.com', shopper: 's3', marketingConsent: false, source: 'x', verified: false, createdAt: 1 };
        await store.createAccount(nameless);
        expect(await store.createAccount(nameless)).toEqual({ status: 'exists', account: nameless });
      });

      it('creates exactly one account when 100 sign-ups of one email arrive in parallel', async () => {
        const results = await Promise.all(
          Array.from({ length: 100 }, (_, index) =>
            store.createAccount({ email: 'race@example.com', shopper: `s${index}`, marketingConsent: false, source: 'x', verified: true, createdAt: index }),
          ),
        );
        expect(results.filter((result) => result.status === 'created')).toHaveLength(1);
        const winner = results.findIndex((result) => result.status === 'created');
        for (const result of results) if (result.status === 'exists') expect(result.account.shopper).toBe(`s${winner}`);
      });
    });

    describe('spins', () => {
      it('records a spin, then refuses the shopper until the period passed, answering the previous spin', async () => {
        const first = spin();
        expect(await store.claimSpin(first, { since: 0, prizeCap: null })).toEqual({ status: 'claimed' });
        expect(await store.claimSpin(spin({ at: 2_000 }), { since: 2_000 - 30 * DAY, prizeCap: null })).toEqual({ status: 'already_spun', previous: first });
        expect(await store.claimSpin(spin({ at: 40 * DAY }), { since: 10 * DAY, prizeCap: null })).toEqual({ status: 'claimed' });
      });

      it('answers a repeated attempt with its spin, writing nothing, and the same attempt from another shopper as a conflict', async () => {
        const first = spin({ attempt: 'attempt-1', email: 'ada@example.com' });
        expect(await store.claimSpin(first, { since: 0, prizeCap: null })).toEqual({ status: 'claimed' });
        // The repeat drew another prize; the recorded one is answered, even after the period.
        expect(await store.claimSpin(spin({ attempt: 'attempt-1', email: 'ada@example.com', at: 2_000 }), { since: 0, prizeCap: null })).toEqual({ status: 'replayed', previous: first });
        expect(await store.claimSpin(spin({ attempt: 'attempt-1', at: 40 * DAY }), { since: 10 * DAY, prizeCap: 0 })).toEqual({ status: 'replayed', previous: first });
        expect(await store.claimSpin(spin({ shopper: 's2', attempt: 'attempt-1' }), { since: 0, prizeCap: null })).toEqual({ status: 'conflict' });
        expect(await store.findSpin({ shopper: 's2', since: 0 })).toBeNull();
        expect(await store.findSpin({ shopper: 's1', since: 0 })).toEqual(first);
        expect(await store.prizeCounts()).toEqual({ ten: 1 });
      });

      it('records one spin for two different attempts of one shopper', async () => {
        const first = spin({ attempt: 'attempt-1' });
        await store.claimSpin(first, { since: 0, prizeCap: null });
        expect(await store.claimSpin(spin({ attempt: 'attempt-2', at: 2_000 }), { since: 0, prizeCap: null })).toEqual({ status: 'already_spun', previous: first });
        expect(await store.claimSpin(spin({ at: 3_000 }), { since: 0, prizeCap: null })).toEqual({ status: 'already_spun', previous: first });
        expect(await store.prizeCounts()).toEqual({ ten: 1 });
      });

      it('records one spin and replays it to the others when one attempt arrives 100 times in parallel', async () => {
        const results = await Promise.all(Array.from({ length: 100 }, (_, index) => store.claimSpin(spin({ attempt: 'resent', at: 1_000 + index }), { since: 0, prizeCap: null })));
        expect(results.filter((result) => result.status === 'claimed')).toHaveLength(1);
        const replayed = results.filter((result) => result.status === 'replayed');
        expect(replayed).toHaveLength(99);
        expect(new Set(replayed.map((result) => (result.status === 'replayed' ? result.previous.prize?.code : null))).size).toBe(1);
        expect(await store.prizeCounts()).toEqual({ ten: 1 });
      });

      it('gives one attempt id to one shopper when 20 shoppers send it in parallel', async () => {
        const results = await Promise.all(Array.from({ length: 20 }, (_, index) => store.claimSpin(spin({ shopper: `s${index}`, attempt: 'shared' }), { since: 0, prizeCap: null })));
        expect(results.filter((result) => result.status === 'claimed')).toHaveLength(1);
        expect(results.filter((result) => result.status === 'conflict')).toHaveLength(19);
      });

      it('refuses a second spin with the same email from another shopper', async () => {
        const first = spin({ email: 'ada@example.com', prize: null, segment: 'none' });
        await store.claimSpin(first, { since: 0, prizeCap: null });
        expect(await store.claimSpin(spin({ shopper: 's2', email: 'ada@example.com' }), { since: 0, prizeCap: null })).toEqual({ status: 'already_spun', previous: first });
        expect(await store.claimSpin(spin({ shopper: 's2', email: 'lin@example.com' }), { since: 0, prizeCap: null })).toEqual({ status: 'claimed' });
      });

      it('refuses a taken code and a capped segment, writing nothing for either', async () => {
        await store.claimSpin(spin({ shopper: 'a', prize: { label: 'Ten', code: 'SAME', expiresAt: 10 } }), { since: 0, prizeCap: null });
        expect(await store.claimSpin(spin({ shopper: 'b', prize: { label: 'Ten', code: 'SAME', expiresAt: 10 } }), { since: 0, prizeCap: null })).toEqual({ status: 'code_taken' });
        expect(await store.findSpin({ shopper: 'b', since: 0 })).toBeNull();
        expect(await store.claimSpin(spin({ shopper: 'c' }), { since: 0, prizeCap: 2 })).toEqual({ status: 'claimed' });
        expect(await store.claimSpin(spin({ shopper: 'd' }), { since: 0, prizeCap: 2 })).toEqual({ status: 'capped' });
        expect(await store.claimSpin(spin({ shopper: 'e', segment: 'big' }), { since: 0, prizeCap: 0 })).toEqual({ status: 'capped' });
        expect(await store.findSpin({ shopper: 'd', since: 0 })).toBeNull();
        expect(await store.prizeCounts()).toEqual({ ten: 2 });
        // A refused shopper may still spin: nothing of the refused claim stayed behind.
        expect(await store.claimSpin(spin({ shopper: 'b', prize: null, segment: 'none' }), { since: 0, prizeCap: null })).toEqual({ status: 'claimed' });
      });

      it('finds the latest spin after a time by shopper or email', async () => {
        const byShopper = spin({ shopper: 's1', at: 1_000 });
        const byEmail = spin({ shopper: 's9', email: 'ada@example.com', at: 2_000 });
        await store.claimSpin(byShopper, { since: 0, prizeCap: null });
        await store.claimSpin(byEmail, { since: 0, prizeCap: null });
        expect(await store.findSpin({ shopper: 's1', since: 0 })).toEqual(byShopper);
        expect(await store.findSpin({ shopper: 's1', email: 'ada@example.com', since: 0 })).toEqual(byEmail);
        expect(await store.findSpin({ shopper: 's1', email: 'ada@example.com', since: 1_500 })).toEqual(byEmail);
        expect(await store.findSpin({ shopper: 's1', since: 1_000 })).toBeNull();
        expect(await store.findSpin({ shopper: 'nobody', since: 0 })).toBeNull();
      });

      it('redeems a code once, before it expires', async () => {
        await store.claimSpin(spin({ shopper: 'a', prize: { label: 'Ten', code: 'A-1', expiresAt: 5_000 } }), { since: 0, prizeCap: null });
        await store.claimSpin(spin({ shopper: 'b', prize: { label: 'Ten', code: 'B-1', expiresAt: 5_000 } }), { since: 0, prizeCap: null });
        expect(await store.redeemCode('A-1', 4_999)).toBe('redeemed');
        expect(await store.redeemCode('A-1', 4_999)).toBe('already_redeemed');
        expect(await store.redeemCode('B-1', 5_000)).toBe('expired');
        expect(await store.redeemCode('NOPE', 1)).toBe('unknown');
        expect((await store.findSpin({ shopper: 'a', since: 0 }))?.prize?.redeemedAt).toBe(4_999);
      });

      it('redeems a code exactly once when 50 redemptions arrive in parallel', async () => {
        await store.claimSpin(spin({ prize: { label: 'Ten', code: 'ONCE', expiresAt: 5_000 } }), { since: 0, prizeCap: null });
        const results = await Promise.all(Array.from({ length: 50 }, () => store.redeemCode('ONCE', 2_000)));
        expect(results.filter((result) => result === 'redeemed')).toHaveLength(1);
        expect(results.filter((result) => result === 'already_redeemed')).toHaveLength(49);
      });

      it('records exactly one of 100 parallel spins of one shopper', async () => {
        const results = await Promise.all(Array.from({ length: 100 }, (_, index) => store.claimSpin(spin({ at: 1_000 + index }), { since: 0, prizeCap: null })));
        expect(results.filter((result) => result.status === 'claimed')).toHaveLength(1);
        expect(results.filter((result) => result.status === 'already_spun')).toHaveLength(99);
        expect(await store.prizeCounts()).toEqual({ ten: 1 });
      });

      it('records exactly one of 100 parallel spins of one email from different shoppers', async () => {
        const results = await Promise.all(
          Array.from({ length: 100 }, (_, index) => store.claimSpin(spin({ shopper: `s${index}`, email: 'one@example.com' }), { since: 0, prizeCap: null })),
        );
        expect(results.filter((result) => result.status === 'claimed')).toHaveLength(1);
      });

      it('hands out a capped prize no more than its cap to 100 parallel spins', async () => {
        const results = await Promise.all(Array.from({ length: 100 }, (_, index) => store.claimSpin(spin({ shopper: `s${index}`, segment: 'big' }), { since: 0, prizeCap: 3 })));
        expect(results.filter((result) => result.status === 'claimed')).toHaveLength(3);
        expect(results.filter((result) => result.status === 'capped')).toHaveLength(97);
        expect(await store.prizeCounts()).toEqual({ big: 3 });
      });
    });

    describe('chat', () => {
      it('starts a conversation with the shopper’s details and continues their latest one', async () => {
        const details: ConversationDetails = { customer: 'c-1', verified: true, email: 'ada@example.com', knownCustomer: true, context: { page: { url: 'https://shop.example/' }, visits: 3 } };
        const first = await say('s1', null, 'Hello?', details);
        expect(first).toMatchObject({ status: 'saved', conversation: { shopper: 's1', ...details, lastMessage: { from: 'shopper', text: 'Hello?' } } });
        if (first.status !== 'saved') throw new Error('not saved');
        const second = await say('s1', null, 'Anyone?', { customer: 'c-1', verified: true, knownCustomer: true, context: null });
        expect(second).toMatchObject({ status: 'saved', conversation: { id: first.conversation.id, customer: 'c-1', email: 'ada@example.com', knownCustomer: true, context: details.context } });
        if (second.status !== 'saved') throw new Error('not saved');
        expect(second.message.seq).toBeGreaterThan(first.message.seq);
        expect(await store.getConversation(first.conversation.id)).toEqual(second.conversation);
      });

      it('updates who the shopper is from a later message, keeping a known customer known', async () => {
        const first = await say('s1', null, 'one', { customer: 'c-1', verified: false, knownCustomer: true, context: { a: 1 } });
        if (first.status !== 'saved') throw new Error('not saved');
        const id = first.conversation.id;
        await say('s1', id, 'two', { customer: 'c-1', verified: true, email: 'ada@example.com', knownCustomer: false, context: null });
        expect(await store.getConversation(id)).toMatchObject({ customer: 'c-1', verified: true, knownCustomer: true, email: 'ada@example.com', context: { a: 1 } });
        await say('s1', id, 'three', { customer: 'c-1', verified: true, knownCustomer: false, context: { b: 2 } });
        expect(await store.getConversation(id)).toMatchObject({ customer: 'c-1', verified: true, knownCustomer: true, context: { b: 2 } });
      });

      it('keeps a customer’s conversation to that customer: after a logout the browser starts another one', async () => {
        const ada = { customer: 'c-1', verified: true, knownCustomer: true, context: null };
        const first = await say('s1', null, 'My order 1234', ada);
        if (first.status !== 'saved') throw new Error('not saved');
        expect(await say('s1', first.conversation.id, 'next person')).toEqual({ status: 'unknown_conversation' });
        expect(await say('s1', first.conversation.id, 'another customer', { ...ada, customer: 'c-2' })).toEqual({ status: 'unknown_conversation' });
        const next = await say('s1', null, 'next person');
        if (next.status !== 'saved') throw new Error('not saved');
        expect(next.conversation.id).not.toBe(first.conversation.id);
        expect(next.conversation.customer).toBeUndefined();
        // Back again, the customer continues their own conversation, not the newer anonymous one.
        expect(await say('s1', null, 'me again', ada)).toMatchObject({ status: 'saved', conversation: { id: first.conversation.id } });
      });

      it('never hands the browser’s anonymous conversation, perhaps another person’s, to the customer who logs in', async () => {
        const ada = { customer: 'c-1', verified: true, knownCustomer: true, context: null };
        const hers = await say('s1', null, 'Ada here', ada);
        const bob = await say('s1', null, 'Bob, after Ada logged out');
        if (hers.status !== 'saved' || bob.status !== 'saved') throw new Error('not saved');
        expect(await say('s1', bob.conversation.id, 'Ada again', ada)).toEqual({ status: 'unknown_conversation' });
        expect(await say('s1', null, 'Ada again', ada)).toMatchObject({ status: 'saved', conversation: { id: hers.conversation.id } });
        expect(await say('s1', null, 'Bob again')).toMatchObject({ status: 'saved', conversation: { id: bob.conversation.id } });
        expect((await store.getConversation(bob.conversation.id))?.customer).toBeUndefined();
      });

      it('refuses a conversation that is not the shopper’s', async () => {
        const first = await say('s1', null);
        if (first.status !== 'saved') throw new Error('not saved');
        expect(await say('s2', first.conversation.id)).toEqual({ status: 'unknown_conversation' });
        expect(await say('s1', 'no-such-conversation')).toEqual({ status: 'unknown_conversation' });
      });

      it('answers a repeated message id as a replay, and another message under a used id as a conflict', async () => {
        const id = crypto.randomUUID();
        const first = await say('s1', null, 'Hello?', anonymous, id);
        const again = await say('s1', null, 'Hello?', anonymous, id);
        if (first.status !== 'saved') throw new Error('not saved');
        expect(again).toEqual({ status: 'replayed', conversation: first.conversation, message: first.message });
        expect(await say('s1', null, 'Other text', anonymous, id)).toEqual({ status: 'conflict' });
        expect(await say('s2', null, 'Hello?', anonymous, id)).toEqual({ status: 'conflict' });
        expect(await store.addAgentMessage({ conversation: first.conversation.id, message: message({ id, text: 'Hello?' }) })).toEqual({ status: 'conflict' });
        expect(await store.listMessages(first.conversation.id, 0, 10)).toHaveLength(1);
      });

      it('replays a message whose text could not be stored as sent', async () => {
        const id = crypto.randomUUID();
        expect((await say('s1', null, 'nul \u0000 and half \uD83E', anonymous, id)).status).toBe('saved');
        expect((await say('s1', null, 'nul \u0000 and half \uD83E', anonymous, id)).status).toBe('replayed');
      });

      it('saves agent replies once per id, only to conversations that exist', async () => {
        const first = await say('s1', null);
        if (first.status !== 'saved') throw new Error('not saved');
        const conversation = first.conversation.id;
        const reply = message({ text: 'Happy to help', at: 2_000 });
        const saved = await store.addAgentMessage({ conversation, message: reply });
        expect(saved).toMatchObject({ status: 'saved', conversation: { id: conversation, updatedAt: 2_000, lastMessage: { from: 'agent', text: 'Happy to help', at: 2_000 } } });
        if (saved.status !== 'saved') throw new Error('not saved');
        expect(await store.addAgentMessage({ conversation, message: reply })).toEqual({ status: 'replayed', conversation: saved.conversation, message: saved.message });
        expect(await store.addAgentMessage({ conversation, message: { ...reply, text: 'Changed' } })).toEqual({ status: 'conflict' });
        expect(await store.addAgentMessage({ conversation: 'nope', message: message() })).toEqual({ status: 'unknown_conversation' });
      });

      it('lists messages after a cursor, oldest first, at most a limit', async () => {
        const first = await say('s1', null, 'one');
        if (first.status !== 'saved') throw new Error('not saved');
        const id = first.conversation.id;
        await say('s2', null, 'elsewhere');
        await say('s1', id, 'two');
        await store.addAgentMessage({ conversation: id, message: message({ text: 'three' }) });
        const all = await store.listMessages(id, 0, 100);
        expect(all.map((item) => [item.from, item.text])).toEqual([['shopper', 'one'], ['shopper', 'two'], ['agent', 'three']]);
        expect(all.every((item, index) => index === 0 || item.seq > all[index - 1]!.seq)).toBe(true);
        expect((await store.listMessages(id, all[0]!.seq, 1)).map((item) => item.text)).toEqual(['two']);
        expect(await store.listMessages(id, all[2]!.seq, 100)).toEqual([]);
        expect(await store.listMessages(id, 0, Number.MAX_SAFE_INTEGER)).toHaveLength(3);
      });

      it('lists every conversation and answers null for an unknown one', async () => {
        await say('s1', null);
        await say('s2', null);
        expect((await store.listConversations()).map((conversation) => conversation.shopper).sort()).toEqual(['s1', 's2']);
        expect(await store.getConversation('nope')).toBeNull();
      });

      it('stores one message when the same message arrives 100 times in parallel', async () => {
        const id = crypto.randomUUID();
        const results = await Promise.all(Array.from({ length: 100 }, () => say('s1', null, 'Hello?', anonymous, id)));
        expect(results.filter((result) => result.status === 'saved')).toHaveLength(1);
        expect(results.filter((result) => result.status === 'replayed')).toHaveLength(99);
        const conversations = await store.listConversations();
        expect(conversations).toHaveLength(1);
        expect(await store.listMessages(conversations[0]!.id, 0, 100)).toHaveLength(1);
      });

      it('puts parallel first messages of one shopper into one conversation', async () => {
        await Promise.all(Array.from({ length: 20 }, (_, index) => say('s1', null, `message ${index}`)));
        const conversations = await store.listConversations();
        expect(conversations).toHaveLength(1);
        expect(await store.listMessages(conversations[0]!.id, 0, 100)).toHaveLength(20);
      });
    });

    describe('presence and limits', () => {
      it('answers the latest heartbeat of any agent', async () => {
        expect(await store.lastHeartbeat()).toBeNull();
        await store.recordHeartbeat('sam', 5);
        await store.recordHeartbeat('kim', 9);
        await store.recordHeartbeat('sam', 7);
        expect(await store.lastHeartbeat()).toBe(9);
      });

      it('counts hits in fixed windows', async () => {
        expect(await store.hit('k', 1000, 0)).toEqual({ count: 1, resetAt: 1000 });
        expect(await store.hit('k', 1000, 999)).toEqual({ count: 2, resetAt: 1000 });
        expect(await store.hit('k', 1000, 1000)).toEqual({ count: 1, resetAt: 2000 });
        expect(await store.hit('other', 1000, 999)).toEqual({ count: 1, resetAt: 1999 });
      });

      it('loses no hit when 100 arrive in parallel', async () => {
        const windows = await Promise.all(Array.from({ length: 100 }, () => store.hit('busy', 60_000, 0)));
        expect(windows.map((window) => window.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
      });

      it('answers a ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    it('forgets everything on reset', async () => {
      await store.addEvents([stored()]);
      await store.createAccount({ email: 'a@example.com', shopper: 's', marketingConsent: false, source: 'x', verified: true, createdAt: 1 });
      await store.claimSpin(spin({ attempt: 'attempt-1' }), { since: 0, prizeCap: null });
      await store.recordHeartbeat('sam', 5);
      await store.hit('k', 1000, 0);
      const first = await say('s1', null);
      await store.reset();
      expect(await store.listEvents()).toEqual([]);
      expect(await store.lastHeartbeat()).toBeNull();
      expect(await store.listConversations()).toEqual([]);
      expect(await store.prizeCounts()).toEqual({});
      expect(await store.findSpin({ shopper: 's1', since: 0 })).toBeNull();
      expect(await store.claimSpin(spin({ shopper: 's2', attempt: 'attempt-1' }), { since: 0, prizeCap: null })).toEqual({ status: 'claimed' });
      expect(await store.hit('k', 1000, 0)).toEqual({ count: 1, resetAt: 1000 });
      expect((await store.createAccount({ email: 'a@example.com', shopper: 's', marketingConsent: false, source: 'x', verified: true, createdAt: 1 })).status).toBe('created');
      if (first.status === 'saved') expect(await store.listMessages(first.conversation.id, 0, 10)).toEqual([]);
    });
  });
}
