import { describe, expect, it } from 'vitest';
import { tabLift } from './tab-lift';

describe('tabLift', () => {
  it('lifts the tabs over the rows of the widgets that are on, and nothing else', () => {
    const all = { widgets: ['recently-viewed', 'account-prompt', 'chat', 'loyalty-wheel'] as const, options: {} };
    expect(tabLift('account-prompt', { ...all, widgets: [...all.widgets] })).toBe(68);
    expect(tabLift('loyalty-wheel', { ...all, widgets: [...all.widgets] })).toBe(124);
    expect(tabLift('loyalty-wheel', { widgets: ['chat', 'loyalty-wheel'], options: {} })).toBe(68);
    expect(tabLift('loyalty-wheel', { widgets: ['account-prompt', 'loyalty-wheel'], options: {} })).toBe(56);
    expect(tabLift('loyalty-wheel', { widgets: ['account-prompt', 'loyalty-wheel'], options: { 'account-prompt': { teaser: false } } })).toBe(0);
    expect(tabLift('account-prompt', { widgets: ['account-prompt'], options: {} })).toBe(0);
    expect(tabLift('chat', { widgets: ['chat'], options: {} })).toBeNull();
  });
});
