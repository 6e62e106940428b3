// A file of its own: it needs an IndexedDB no other test has opened yet.
import { afterEach, expect, it, vi } from 'vitest';
import { resolveCoreConfig } from './config';
import { createEmitter } from './emitter';
import { createRuntime } from './runtime';

afterEach(() => vi.unstubAllGlobals());

it('treats { analytics: false } as no consent, and a refusal creates no database', async () => {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(null, { status: 204 })));
  const runtime = createRuntime(resolveCoreConfig({ endpoint: 'https://shop.example/regulars', widgets: [], consent: 'required' }, location.href), createEmitter());
  runtime.consent({ analytics: false });
  runtime.consent(false);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(fetch).not.toHaveBeenCalled();
  expect((await indexedDB.databases()).map((database) => database.name)).not.toContain('regulars');
  runtime.destroy();
});
