import { describe, expect, it, vi } from 'vitest';
import { useInstallSandbox, warningsPrinted, win } from '../test/install-sandbox';
import type { RegularsCommand } from './types';


function addSnippet(attributes: Record<string, string>): HTMLScriptElement {
  const script = document.createElement('script');
  // A type the test DOM will not try to download; the loader reads only src and data attributes.
  script.type = 'text/plain';
  script.src = 'https://cdn.example/regulars/1.0.0/regulars.js';
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  document.head.append(script);
  return script;
}

async function runLoader(): Promise<void> {
  vi.resetModules();
  await import('./loader');
}


describe('loader', () => {
  const sandbox = useInstallSandbox();

  it('installs one global command function with a version', async () => {
    addSnippet({ 'data-endpoint': 'https://shop.example/regulars', 'data-widgets': '' });
    await runLoader();
    expect(typeof win.regulars).toBe('function');
    expect(win.regulars!.version).toBe('test');
    await warningsPrinted();
    expect(sandbox.warnings).toEqual([]);
  });

  it('replays calls the inline stub queued, in order', async () => {
    const order: string[] = [];
    const stub = function (...args: unknown[]) {
      (stub.q = stub.q || []).push(args);
    } as unknown as RegularsCommand & { q: unknown[][] };
    win.regulars = stub;
    stub('on', 'ready', () => order.push('ready'));
    stub('init', { endpoint: 'https://shop.example/regulars', widgets: [] });
    stub('on', 'custom', (detail: unknown) => order.push(`custom:${JSON.stringify(detail)}`));
    await runLoader();
    await vi.waitFor(() => expect(order).toEqual(['ready']));
    expect(win.regulars).not.toBe(stub);
  });

  it('quietly keeps the first instance when the snippet is pasted twice', async () => {
    addSnippet({ 'data-endpoint': 'https://shop.example/regulars', 'data-widgets': '' });
    await runLoader();
    const first = win.regulars;
    addSnippet({ 'data-endpoint': 'https://shop.example/regulars', 'data-widgets': '' });
    await runLoader();
    expect(win.regulars).toBe(first);
    await warningsPrinted();
    expect(sandbox.warnings).toEqual([]);
  });

  it('warns clearly on bad config and still runs what is valid', async () => {
    addSnippet({ 'data-endpoint': 'javascript:alert(1)', 'data-widgets': 'recently-viewed,wishlist' });
    await runLoader();
    await warningsPrinted();
    expect(sandbox.warnings).toEqual([
      expect.stringMatching(/^\[regulars\] endpoint: "javascript:alert\(1\)" is not an http\(s\) URL/),
      expect.stringMatching(/^\[regulars\] widgets: "wishlist" is not a Regulars widget/),
    ]);
    expect(typeof win.regulars).toBe('function');
  });

  it('never throws into the page on unknown commands or bad arguments', async () => {
    addSnippet({ 'data-endpoint': 'https://shop.example/regulars', 'data-widgets': '' });
    await runLoader();
    const errors: unknown[] = [];
    addEventListener('regulars:error', (event) => errors.push((event as CustomEvent).detail));
    const call = win.regulars as unknown as (...args: unknown[]) => void;
    expect(() => {
      call('explode');
      call('open', 'wishlist');
      call('track');
      call('identify', 'not-an-object');
      call('on', 'ready', 'not-a-function');
    }).not.toThrow();
    await warningsPrinted();
    expect(sandbox.warnings).toHaveLength(5);
    expect(errors).toHaveLength(5);
  });

  it('waits for init when the snippet carries no config, holding calls until then', async () => {
    addSnippet({});
    await runLoader();
    const seen: unknown[] = [];
    win.regulars!('on', 'ready', (detail) => seen.push(detail));
    win.regulars!('track', 'wishlist_added', { sku: 'A-1' });
    expect(seen).toEqual([]);
    win.regulars!('init', { endpoint: 'https://shop.example/regulars', widgets: [] });
    await vi.waitFor(() => expect(seen).toEqual([{ widgets: [] }]));
  });
});

describe('limits the endpoint enforces', () => {
  const sandbox = useInstallSandbox();

  it('refuses an event type over 64 characters, data over 8 KB and a customer id over 128 characters, naming each', async () => {
    addSnippet({ 'data-endpoint': 'https://shop.example/regulars', 'data-widgets': '' });
    await runLoader();
    win.regulars!('track', 'x'.repeat(65));
    win.regulars!('track', 'note_added', { text: 'x'.repeat(9000) });
    win.regulars!('identify', { customer: 'c'.repeat(129) });
    await warningsPrinted();
    expect(sandbox.warnings).toEqual([
      expect.stringMatching(/^\[regulars\] track: needs an event type of 1 to 64 characters/),
      expect.stringMatching(/^\[regulars\] track\('note_added'\): data is over 8192 characters/),
      expect.stringMatching(/^\[regulars\] identify: needs \{ customer \} \(at most 128 characters\)/),
    ]);
  });
});
