import { describe, expect, it, vi } from 'vitest';
import { useInstallSandbox, warningsPrinted, win } from '../test/install-sandbox';
import type { RegularsCommand } from './types';

type Stub = RegularsCommand & { q: unknown[][] };

/** The inline stub a merchant pastes, which queues calls until the bundle arrives. */
function installStub(): Stub {
  const stub = function (...args: unknown[]) {
    (stub.q = stub.q || []).push(args);
  } as unknown as Stub;
  win.regulars = stub;
  return stub;
}

/** A snippet whose attributes carry a complete config (no widgets, so nothing loads beyond the loader). */
function addSnippet(): HTMLScriptElement {
  const script = document.createElement('script');
  script.type = 'text/plain';
  script.src = 'https://cdn.example/regulars/1.0.0/regulars.js';
  script.dataset.endpoint = 'https://shop.example/regulars';
  script.dataset.widgets = '';
  document.head.append(script);
  return script;
}

/** Installs a fresh copy (with fresh once-only warnings), as the loader would on page load. */
async function install(script: HTMLScriptElement | null): Promise<RegularsCommand | undefined> {
  vi.resetModules();
  return (await import('./install')).install({ script });
}

const readyEvent = () => new Promise((resolve) => addEventListener('regulars:ready', (event) => resolve((event as CustomEvent).detail), { once: true }));

describe('install', () => {
  const sandbox = useInstallSandbox();

  it("starts from the snippet's config when the stub queued only inits without a config object", async () => {
    const stub = installStub() as unknown as (...args: unknown[]) => void;
    stub('init');
    stub('init', 'https://shop.example/regulars');
    const ready = readyEvent();
    await install(addSnippet());
    await expect(ready).resolves.toEqual({ widgets: [] });
    await warningsPrinted();
    expect(sandbox.warnings).toEqual([expect.stringMatching(/^\[regulars\] init: needs a config object/)]);
  });

  it('lets a queued init with a config object start the runtime instead of the snippet, without a warning', async () => {
    const stub = installStub();
    stub('init', { widgets: [] });
    const ready = readyEvent();
    await install(addSnippet());
    await expect(ready).resolves.toEqual({ widgets: [] });
    await warningsPrinted();
    expect(sandbox.warnings).toEqual([]);
  });

  it('reports a queued identify whose getter throws once the runtime reads it, and still starts', async () => {
    const stub = installStub();
    let reads = 0;
    stub('identify', {
      customer: 'c2',
      // Passes the command's check, then throws when the runtime reads it while starting.
      get identityHash(): string {
        if (reads++) throw new Error('getter failed');
        return 'h';
      },
    });
    stub('track', 'wishlist_added');
    const ready = readyEvent();
    await install(addSnippet());
    await expect(ready).resolves.toEqual({ widgets: [] });
    await vi.waitFor(() =>
      expect(vi.mocked(fetch).mock.calls.map(([, init]) => String(init?.body))).toContainEqual(expect.stringContaining('"wishlist_added"')),
    );
    await warningsPrinted();
    expect(sandbox.warnings).toEqual([expect.stringMatching(/^\[regulars\] identify: failed \(Error: getter failed\)/)]);
  });

  it('ignores an identify whose email or identity hash is not a string, naming both fields', async () => {
    const regulars = (await install(addSnippet())) as unknown as (...args: unknown[]) => void;
    regulars('identify', { customer: 'c2', email: 42 });
    regulars('identify', { customer: 'c2', identityHash: 12345 });
    await warningsPrinted();
    expect(sandbox.warnings).toEqual([expect.stringMatching(/^\[regulars\] identify: needs \{ customer \}.*identityHash.*email.*must be strings/)]);
  });
});
