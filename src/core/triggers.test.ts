import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VisitInfo } from '../types';
import { createStorage } from './storage';
import { createCaps, createModalBudget, pageAllows, parseTriggerRules, watchTriggers } from './triggers';

const visitOf = (over: Partial<VisitInfo> = {}): VisitInfo => ({
  count: 2, pages: 2, productViews: 0, landedFromSearch: false, firstPage: false, startedAt: Date.now(), ...over,
});

describe('trigger rules', () => {
  it('validates rules over defaults and names each wrong one', () => {
    const warnings: string[] = [];
    const rules = parseTriggerRules({ productViews: 5, seconds: '10', exitIntent: 'yes', onHover: true }, { productViews: 3, dismissDays: 7 }, 'accountPrompt.trigger', (field) => warnings.push(field));
    expect(rules).toEqual({ productViews: 5, dismissDays: 7 });
    expect(warnings).toEqual(['accountPrompt.trigger.seconds', 'accountPrompt.trigger.exitIntent', 'accountPrompt.trigger.onHover']);
  });

  it('never allows the first page of a visit that landed from search, even when first pages are allowed', () => {
    expect(pageAllows({ firstPage: true }, visitOf({ firstPage: true, landedFromSearch: true }))).toBe(false);
    expect(pageAllows({ firstPage: true }, visitOf({ firstPage: true }))).toBe(true);
    expect(pageAllows({}, visitOf({ firstPage: true }))).toBe(false);
    expect(pageAllows({}, visitOf({ firstPage: false, landedFromSearch: true }))).toBe(true);
  });
});

describe('watchTriggers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires on the Nth product view, once', () => {
    let visit = visitOf({ productViews: 1 });
    const fire = vi.fn();
    const watch = watchTriggers({ productViews: 3 }, () => visit, fire);
    expect(fire).not.toHaveBeenCalled();
    visit = { ...visit, productViews: 3 };
    watch.check();
    watch.check();
    expect(fire).toHaveBeenCalledTimes(1);
    expect(fire).toHaveBeenCalledWith('productViews');
  });

  it('fires after N pages in the visit', () => {
    const fire = vi.fn();
    watchTriggers({ pages: 3 }, () => visitOf({ pages: 3 }), fire);
    expect(fire).toHaveBeenCalledWith('pages');
  });

  it('fires after M seconds on site, counting from the start of the visit', () => {
    const fire = vi.fn();
    watchTriggers({ seconds: 30 }, () => visitOf({ startedAt: Date.now() - 20_000 }), fire);
    vi.advanceTimersByTime(9_999);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledWith('seconds');
  });

  it('fires on desktop exit intent: the pointer leaving through the top', () => {
    const fire = vi.fn();
    watchTriggers({ exitIntent: true }, () => visitOf(), fire);
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: 200 }));
    expect(fire).not.toHaveBeenCalled();
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -2 }));
    expect(fire).toHaveBeenCalledWith('exitIntent');
  });

  it('fires on touch-screen exit intent: a fast flick back up after reading down, reported in small steps', () => {
    const fire = vi.fn();
    Object.defineProperty(document.documentElement, 'scrollHeight', { configurable: true, value: 4000 });
    watchTriggers({ exitIntent: true }, () => visitOf(), fire);
    const scrollTo = (y: number, afterMs: number) => {
      vi.advanceTimersByTime(afterMs);
      window.scrollY = y;
      dispatchEvent(new Event('scroll'));
    };
    for (let y = 0; y <= 2400; y += 80) scrollTo(y, 16);
    // Reading: a slow way back up (400 px a second) is not leaving.
    for (let y = 2400; y >= 1600; y -= 40) scrollTo(y, 100);
    expect(fire).not.toHaveBeenCalled();
    // A rest, then a flick: steps of at most 88 px a frame, a whole screen in half a second.
    vi.advanceTimersByTime(2000);
    for (let y = 1600; y >= 700; y -= 88) scrollTo(y, 16);
    expect(fire).toHaveBeenCalledWith('exitIntent');
  });

  it('fires on scroll depth', () => {
    const fire = vi.fn();
    Object.defineProperty(document.documentElement, 'scrollHeight', { configurable: true, value: 4000 });
    watchTriggers({ scrollDepth: 50 }, () => visitOf(), fire);
    window.scrollY = 1000;
    dispatchEvent(new Event('scroll'));
    expect(fire).not.toHaveBeenCalled();
    window.scrollY = 1500;
    dispatchEvent(new Event('scroll'));
    expect(fire).toHaveBeenCalledWith('scrollDepth');
  });

  it('holds back on the first page of a visit unless allowed', () => {
    const fire = vi.fn();
    watchTriggers({ pages: 1 }, () => visitOf({ pages: 1, firstPage: true }), fire);
    expect(fire).not.toHaveBeenCalled();
  });

  it('stops listening after stop()', () => {
    const fire = vi.fn();
    const watch = watchTriggers({ seconds: 1, exitIntent: true }, () => visitOf(), fire);
    watch.stop();
    vi.advanceTimersByTime(5_000);
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -1 }));
    expect(fire).not.toHaveBeenCalled();
  });
});

describe('interruption budget', () => {
  it('lets one modal widget hold the screen at a time', () => {
    const budget = createModalBudget();
    expect(budget.request('account-prompt')).toBe(true);
    expect(budget.request('loyalty-wheel')).toBe(false);
    expect(budget.request('account-prompt')).toBe(true);
    budget.release('loyalty-wheel');
    expect(budget.holder()).toBe('account-prompt');
    budget.release('account-prompt');
    expect(budget.request('loyalty-wheel')).toBe(true);
  });
});

describe('frequency caps', () => {
  it('holds a dismissed widget back for K days and a completed one forever', async () => {
    let now = Date.parse('2026-11-25T10:00:00Z');
    const storage = createStorage({ channelName: 'caps-test' });
    await storage.wipe();
    const caps = createCaps(storage, 'account-prompt', () => now);
    expect(await caps.allows(7)).toBe(true);
    await caps.dismissed();
    now += 6 * 86_400_000;
    expect(await caps.allows(7)).toBe(false);
    now += 86_400_000;
    expect(await caps.allows(7)).toBe(true);
    await caps.completed();
    now += 365 * 86_400_000;
    expect(await caps.allows(7)).toBe(false);
  });
});

describe('frequency caps after a dialog was seen', () => {
  it('counts a dialog shown and left unanswered like a dismissal', async () => {
    let now = Date.parse('2026-11-25T10:00:00Z');
    const storage = createStorage({ channelName: 'caps-shown-test' });
    await storage.wipe();
    const caps = createCaps(storage, 'loyalty-wheel', () => now);
    await caps.shown();
    now += 86_400_000;
    expect(await caps.allows(7)).toBe(false);
    now += 7 * 86_400_000;
    expect(await caps.allows(7)).toBe(true);
  });
});
