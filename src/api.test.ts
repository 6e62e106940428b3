import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runCommand, type CommandTarget } from './api';
import { createEmitter } from './core/emitter';
import { MESSAGES } from './core/messages';
import type { Runtime } from './core/runtime';
import { report } from './core/warn';

// Every report is seen here, before the once-per-text filter of the printed warnings.
vi.mock('./core/warn', () => ({ report: vi.fn() }));

let runtime: { [K in keyof Runtime]: ReturnType<typeof vi.fn> };
let target: CommandTarget;

beforeEach(() => {
  vi.mocked(report).mockClear();
  runtime = { track: vi.fn(), identify: vi.fn(), consent: vi.fn(), open: vi.fn(), close: vi.fn(), forget: vi.fn(), destroy: vi.fn() };
  target = { emitter: createEmitter(), runtime: () => runtime as unknown as Runtime, init: vi.fn(), destroy: vi.fn() };
});

describe("regulars('identify', …)", () => {
  it('passes a customer with an identity hash and an email of at most 128 and 254 characters', () => {
    const args = { customer: 'c2', identityHash: 'h'.repeat(128), email: `${'a'.repeat(242)}@example.com` };
    runCommand(target, 'identify', [args]);
    runCommand(target, 'identify', [{ customer: 7 }]);
    runCommand(target, 'identify', [null]);
    expect(runtime.identify.mock.calls).toEqual([[args], [{ customer: 7 }], [null]]);
    expect(report).not.toHaveBeenCalled();
  });

  it.each([
    ['an empty customer', { customer: '' }],
    ['an email that is a number', { customer: 'c2', email: 42 }],
    ['an identity hash that is a number', { customer: 'c2', identityHash: 12345 }],
    ['an email that is null', { customer: 'c2', email: null }],
    ['an identity hash over 128 characters', { customer: 'c2', identityHash: 'h'.repeat(129) }],
    ['an email over 254 characters', { customer: 'c2', email: `${'a'.repeat(243)}@example.com` }],
  ])('ignores a call with %s, with one warning', (_case, args) => {
    runCommand(target, 'identify', [args]);
    expect(runtime.identify).not.toHaveBeenCalled();
    expect(vi.mocked(report).mock.calls).toEqual([['identify', 'identify']]);
  });

  it("names identityHash and email, and their limits, in the warning's text", () => {
    const [problem, fix] = MESSAGES.identify();
    expect(problem).toMatch(/^needs \{ customer \} \(at most 128 characters\) or null/);
    expect(problem).toMatch(/identityHash \(at most 128 characters\)/);
    expect(problem).toMatch(/email \(at most 254\)/);
    expect(fix).toMatch(/email: /);
  });

  it('reports arguments whose getter throws, and never throws itself', () => {
    const args = {
      customer: 'c2',
      get identityHash(): string {
        throw new Error('getter failed');
      },
    };
    expect(() => runCommand(target, 'identify', [args])).not.toThrow();
    expect(runtime.identify).not.toHaveBeenCalled();
    expect(vi.mocked(report).mock.calls).toEqual([['identify', 'command-failed', 'Error: getter failed']]);
  });
});
