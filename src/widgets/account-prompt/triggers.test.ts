import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStorage } from '../../core/storage';
import { createCaps, parseTriggerRules, watchTriggers, type TriggerRules } from '../../core/triggers';
import type { VisitInfo } from '../../types';
import { WIDGETS } from '../host/registry';

const DAY = 86_400_000;

/** The account prompt's rules as the runtime resolves them from the merchant's `trigger` option. */
function rules(merchant?: unknown): TriggerRules {
  return parseTriggerRules(merchant, WIDGETS['account-prompt'].trigger ?? {}, 'accountPrompt.trigger', () => {});
}

const visitOf = (over: Partial<VisitInfo> = {}): VisitInfo => ({
  count: 1, pages: 2, productViews: 0, landedFromSearch: false, firstPage: false, startedAt: Date.now(), ...over,
});

describe('account prompt default triggers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('are three product views, seven days after a dismissal, never on a first page', () => {
    expect(rules()).toEqual({ productViews: 3, dismissDays: 7, firstPage: false });
  });

  it('fire on the third product view and not before, however long the shopper stays', () => {
    let visit = visitOf({ productViews: 2 });
    const fire = vi.fn();
    const watch = watchTriggers(rules(), () => visit, fire);
    vi.advanceTimersByTime(30 * 60_000);
    watch.check();
    expect(fire).not.toHaveBeenCalled();
    visit = { ...visit, productViews: 3 };
    watch.check();
    expect(fire).toHaveBeenCalledExactlyOnceWith('productViews');
    watch.stop();
  });

  it('wait for the second page of a visit even when the views were counted in earlier visits', () => {
    let visit = visitOf({ count: 2, pages: 1, productViews: 5, firstPage: true });
    const fire = vi.fn();
    const watch = watchTriggers(rules(), () => visit, fire);
    expect(fire).not.toHaveBeenCalled();
    visit = { ...visit, pages: 2, firstPage: false };
    watch.check();
    expect(fire).toHaveBeenCalledExactlyOnceWith('productViews');
    watch.stop();
  });

  it('never open on the first page of a visit that landed from search, even when the merchant allows first pages', () => {
    const fire = vi.fn();
    const visit = visitOf({ pages: 1, productViews: 3, firstPage: true, landedFromSearch: true });
    const watch = watchTriggers(rules({ firstPage: true }), () => visit, fire);
    watch.check();
    expect(fire).not.toHaveBeenCalled();
    watch.stop();
  });

  it('combine with the merchant rules: whichever comes first of three product views or 45 seconds', () => {
    const fire = vi.fn();
    const watch = watchTriggers(rules({ seconds: 45 }), () => visitOf({ productViews: 1 }), fire);
    vi.advanceTimersByTime(44_999);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledExactlyOnceWith('seconds');
    watch.stop();
  });

  it('fire on desktop exit intent when the merchant adds it, before the third product view', () => {
    const fire = vi.fn();
    const watch = watchTriggers(rules({ exitIntent: true }), () => visitOf({ productViews: 1 }), fire);
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -1 }));
    expect(fire).toHaveBeenCalledExactlyOnceWith('exitIntent');
    watch.stop();
  });
});

describe('account prompt caps', () => {
  it('hold the prompt back for seven days after a dismissal and for good after a sign-up', async () => {
    let now = Date.parse('2026-11-25T10:00:00Z');
    const storage = createStorage({ channelName: 'account-prompt-caps' });
    await storage.wipe();
    const caps = createCaps(storage, 'account-prompt', () => now);
    const { dismissDays } = rules();
    expect(await caps.allows(dismissDays!)).toBe(true);
    await caps.dismissed();
    now += 7 * DAY - 1;
    expect(await caps.allows(dismissDays!)).toBe(false);
    now += 1;
    expect(await caps.allows(dismissDays!)).toBe(true);
    await caps.completed();
    now += 3 * 365 * DAY;
    expect(await caps.allows(dismissDays!)).toBe(false);
  });

  it('use the merchant’s dismissDays', async () => {
    let now = Date.parse('2026-12-01T08:00:00Z');
    const storage = createStorage({ channelName: 'account-prompt-caps-2' });
    await storage.wipe();
    const caps = createCaps(storage, 'account-prompt', () => now);
    await caps.dismissed();
    now += 2 * DAY;
    expect(await caps.allows(rules({ dismissDays: 2 }).dismissDays!)).toBe(true);
    expect(await caps.allows(rules().dismissDays!)).toBe(false);
  });
});
