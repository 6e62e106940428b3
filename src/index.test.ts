import { describe, expect, it, vi } from 'vitest';
import { useInstallSandbox, warningsPrinted, win } from '../test/install-sandbox';
import type { RegularsCommand } from './types';

/** A config without endpoint or widgets: Regulars runs, and no request leaves the test. */
const LOCAL_ONLY = { endpoint: '', widgets: [] };

async function importEntry(): Promise<RegularsCommand> {
  vi.resetModules();
  return (await import('./index')).regulars;
}


function addConfigBlock(config: object): void {
  const block = document.createElement('script');
  block.type = 'application/json';
  block.setAttribute('data-regulars-config', '');
  block.textContent = JSON.stringify(config);
  document.head.append(block);
}

describe('the ESM entry', () => {
  const sandbox = useInstallSandbox();

  it('installs window.regulars on import, without a script tag, and exports that function', async () => {
    const regulars = await importEntry();
    expect(typeof regulars).toBe('function');
    expect(win.regulars).toBe(regulars);
    expect(regulars.version).toBe('test');
    await warningsPrinted();
    expect(sandbox.warnings).toEqual([]);
  });

  it('waits for init when the page has no config, then runs the calls made meanwhile in order', async () => {
    const regulars = await importEntry();
    const seen: unknown[] = [];
    regulars('on', 'ready', (detail) => seen.push(detail));
    regulars('track', 'wishlist_added', { sku: 'A-1' });
    expect(seen).toEqual([]);
    regulars('init', LOCAL_ONLY);
    await vi.waitFor(() => expect(seen).toEqual([{ widgets: [] }]));
  });

  it('starts from the JSON config block, as the script tag does', async () => {
    addConfigBlock(LOCAL_ONLY);
    const ready = new Promise((resolve) => addEventListener('regulars:ready', (event) => resolve((event as CustomEvent).detail), { once: true }));
    await importEntry();
    await expect(ready).resolves.toEqual({ widgets: [] });
  });

  it('exports the instance the script tag installed instead of starting a second one', async () => {
    const script = document.createElement('script');
    script.type = 'text/plain';
    script.src = 'https://cdn.example/regulars/1.0.0/regulars.js';
    script.dataset.endpoint = LOCAL_ONLY.endpoint;
    script.dataset.widgets = '';
    document.head.append(script);
    vi.resetModules();
    await import('./loader');
    const fromTag = win.regulars;
    expect(fromTag?.version).toBe('test');
    const regulars = await importEntry();
    expect(regulars).toBe(fromTag);
    await warningsPrinted();
    expect(sandbox.warnings).toEqual([]);
  });

  it('replays the calls an inline stub queued before the import', async () => {
    const heard: unknown[] = [];
    const stub = function (...args: unknown[]) {
      (stub.q = stub.q || []).push(args);
    } as unknown as RegularsCommand & { q: unknown[][] };
    win.regulars = stub;
    stub('on', 'ready', (detail: unknown) => heard.push(detail));
    stub('init', LOCAL_ONLY);
    const regulars = await importEntry();
    expect(regulars).not.toBe(stub);
    await vi.waitFor(() => expect(heard).toEqual([{ widgets: [] }]));
  });

  it('warns, and never throws, on the misuses the types refuse', async () => {
    const regulars = (await importEntry()) as unknown as (...args: unknown[]) => void;
    regulars('init', LOCAL_ONLY);
    expect(() => {
      regulars('launch', 'chat');
      regulars('open', 'wishlist');
      regulars('on', 'account:created');
      regulars('identify', { identityHash: 'abc' });
    }).not.toThrow();
    await warningsPrinted();
    expect(sandbox.warnings).toEqual([
      expect.stringMatching(/^\[regulars\] launch: is not a Regulars command/),
      expect.stringMatching(/^\[regulars\] open: "wishlist" is not a widget/),
      expect.stringMatching(/^\[regulars\] on: needs an event name and a function/),
      expect.stringMatching(/^\[regulars\] identify: needs \{ customer \}/),
    ]);
  });

  it('does nothing on a server, where there is no window', async () => {
    vi.stubGlobal('window', undefined);
    const regulars = await importEntry();
    expect(() => regulars('track', 'page_rendered')).not.toThrow();
    expect(regulars.version).toBeUndefined();
  });
});
