import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describe as describeMessage, MESSAGES, type MessageCode } from './messages';

type WarnModule = typeof import('./warn');

/** A fresh warn module: each keeps its own record of what it already reported. */
async function freshWarn(): Promise<WarnModule> {
  vi.resetModules();
  return import('./warn');
}

describe('warnings reported by code', () => {
  let printed: string[];
  let details: unknown[];
  const onError = (event: Event) => details.push((event as CustomEvent).detail);
  beforeEach(() => {
    printed = [];
    details = [];
    vi.spyOn(console, 'warn').mockImplementation((message: string) => void printed.push(message));
    addEventListener('regulars:error', onError);
  });
  afterEach(() => {
    removeEventListener('regulars:error', onError);
    vi.restoreAllMocks();
  });

  it('print the same line and dispatch the same detail as the full texts would, once each', async () => {
    const { report } = await freshWarn();
    report('widgets', 'widgets-unknown', 'wishlist', 'recently-viewed, chat');
    report('widgets', 'widgets-unknown', 'wishlist', 'recently-viewed, chat');
    expect(printed).toEqual([]);
    await vi.waitFor(() => expect(printed).toHaveLength(1));
    expect(printed).toEqual(['[regulars] widgets: "wishlist" is not a Regulars widget. Use any of recently-viewed, chat; the others still load']);
    expect(details).toEqual([
      { field: 'widgets', problem: '"wishlist" is not a Regulars widget', fix: 'Use any of recently-viewed, chat; the others still load' },
    ]);
  });

  it('print in the order they were reported', async () => {
    const { report } = await freshWarn();
    report('track', 'track-type');
    report('identify', 'identify');
    report('open', 'widget-name', '"wishlist"', 'chat');
    await vi.waitFor(() => expect(printed).toHaveLength(3));
    expect(printed.map((line) => line.split(':')[0])).toEqual(['[regulars] track', '[regulars] identify', '[regulars] open']);
  });

  it('have a problem and a fix for every code, each a sentence without its final period', () => {
    for (const code of Object.keys(MESSAGES) as MessageCode[]) {
      const [problem, fix] = describeMessage(code, ['x', 'y']);
      expect(problem.length, code).toBeGreaterThan(0);
      expect(fix.length, code).toBeGreaterThan(0);
      expect(fix.endsWith('.'), code).toBe(false);
    }
  });
});
