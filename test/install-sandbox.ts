import { afterEach, beforeEach, vi } from 'vitest';
import type { RegularsCommand } from '../src/types';

/** The page's global as a test sees it: maybe a stub with queued calls, maybe the installed function. */
export const win = window as unknown as Window & { regulars?: RegularsCommand & { q?: unknown[][] } };

/**
 * Gives each test a clean page for installing Regulars: console warnings collected in
 * `.warnings`, fetch answered 204 in-process, and the global, scripts and mocks removed after.
 */
export function useInstallSandbox(): { readonly warnings: string[] } {
  const state = { warnings: [] as string[] };
  beforeEach(() => {
    state.warnings = [];
    vi.spyOn(console, 'warn').mockImplementation((message: string) => void state.warnings.push(message));
    vi.stubGlobal('fetch', vi.fn(async () => new Response(null, { status: 204 })));
  });
  afterEach(() => {
    win.regulars?.('destroy');
    delete win.regulars;
    document.head.querySelectorAll('script').forEach((script) => script.remove());
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });
  return state;
}

/** Waits until warnings reported by code have printed (their texts load as a lazy chunk). */
export async function warningsPrinted(): Promise<void> {
  await vi.dynamicImportSettled();
  await new Promise((resolve) => setTimeout(resolve, 0));
}
