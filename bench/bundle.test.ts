import { describe, expect, it } from 'vitest';
import type { FileSize } from '../scripts/sizes';
import { isLocalePack, isWarningTexts, reachableFiles, weighBundle, widgetAloneFiles, type Manifest } from './bundle';

/** The shape of Vite's manifest for the Regulars build: a classic loader, two lazy layers, widgets, shared chunks, locale packs and warning texts. */
const manifest: Manifest = {
  'src/loader.ts': {
    file: 'regulars.js',
    src: 'src/loader.ts',
    isEntry: true,
    dynamicImports: ['src/core/messages.ts', 'src/core/product/index.ts', 'src/widgets/host/index.ts'],
  },
  'src/core/messages.ts': { file: 'chunks/messages-k.js', src: 'src/core/messages.ts', isDynamicEntry: true },
  'src/core/product/index.ts': { file: 'chunks/product-a.js', src: 'src/core/product/index.ts', isDynamicEntry: true, imports: ['_url-b.js'] },
  '_url-b.js': { file: 'chunks/url-b.js' },
  'src/widgets/host/index.ts': {
    file: 'chunks/host-c.js',
    src: 'src/widgets/host/index.ts',
    isDynamicEntry: true,
    dynamicImports: ['src/widgets/chat/index.ts', 'src/widgets/loyalty-wheel/index.ts'],
  },
  '_signals-d.js': { file: 'chunks/signals-d.js' },
  '_Dialog-e.js': { file: 'chunks/Dialog-e.js', imports: ['_signals-d.js'] },
  'src/widgets/chat/index.ts': {
    file: 'chunks/chat-f.js',
    src: 'src/widgets/chat/index.ts',
    isDynamicEntry: true,
    imports: ['_signals-d.js'],
    dynamicImports: ['src/widgets/chat/panel/index.ts', 'src/widgets/chat/locales/sv.ts'],
  },
  'src/widgets/chat/panel/index.ts': { file: 'chunks/panel-g.js', src: 'src/widgets/chat/panel/index.ts', isDynamicEntry: true, imports: ['_signals-d.js', '_url-b.js'] },
  'src/widgets/chat/locales/sv.ts': { file: 'chunks/sv-h.js', src: 'src/widgets/chat/locales/sv.ts', isDynamicEntry: true },
  'src/widgets/loyalty-wheel/index.ts': {
    file: 'chunks/loyalty-wheel-i.js',
    src: 'src/widgets/loyalty-wheel/index.ts',
    isDynamicEntry: true,
    imports: ['_signals-d.js', '_Dialog-e.js'],
    dynamicImports: ['src/widgets/loyalty-wheel/locales/sv.ts'],
  },
  'src/widgets/loyalty-wheel/locales/sv.ts': { file: 'chunks/sv-j.js', src: 'src/widgets/loyalty-wheel/locales/sv.ts', isDynamicEntry: true },
};

const brotli: Record<string, number> = {
  'regulars.js': 5000,
  'chunks/product-a.js': 1400,
  'chunks/url-b.js': 100,
  'chunks/host-c.js': 4000,
  'chunks/signals-d.js': 8000,
  'chunks/Dialog-e.js': 1500,
  'chunks/chat-f.js': 2400,
  'chunks/panel-g.js': 5800,
  'chunks/sv-h.js': 600,
  'chunks/loyalty-wheel-i.js': 5800,
  'chunks/sv-j.js': 650,
  'chunks/messages-k.js': 2100,
};
const sizes: FileSize[] = Object.entries(brotli).map(([file, size]) => ({ file, raw: size * 3, gzip: size + 200, brotli: size }));

describe('isWarningTexts', () => {
  it('recognises the chunk of warning texts, and nothing else', () => {
    expect(isWarningTexts(manifest['src/core/messages.ts']!)).toBe(true);
    expect(isWarningTexts(manifest['src/loader.ts']!)).toBe(false);
    expect(isWarningTexts(manifest['src/widgets/chat/locales/sv.ts']!)).toBe(false);
  });
});

describe('isLocalePack', () => {
  it('knows a widget locale pack by its source path', () => {
    expect(isLocalePack(manifest['src/widgets/chat/locales/sv.ts']!)).toBe(true);
    expect(isLocalePack(manifest['src/widgets/chat/index.ts']!)).toBe(false);
    expect(isLocalePack(manifest['_signals-d.js']!)).toBe(false);
  });
});

describe('reachableFiles', () => {
  it('follows static and dynamic imports from the loader, each file once', () => {
    expect(reachableFiles(manifest, 'regulars.js')).toEqual(Object.keys(brotli).sort());
  });

  it('leaves out what `skip` rejects, and what only it leads to', () => {
    expect(reachableFiles(manifest, 'regulars.js', (chunk) => chunk.src === 'src/widgets/host/index.ts')).toEqual(['chunks/messages-k.js', 'chunks/product-a.js', 'chunks/url-b.js', 'regulars.js']);
  });

  it('names a missing entry or a dangling import', () => {
    expect(() => reachableFiles(manifest, 'other.js')).toThrow('the build manifest has no other.js');
    expect(() => reachableFiles({ a: { file: 'a.js', imports: ['b'] } }, 'a.js')).toThrow('names b but has no entry');
  });
});

describe('widgetAloneFiles', () => {
  it('keeps the loader, the lazy layers and the one widget with what it imports, without other widgets, locale packs or warning texts', () => {
    expect(widgetAloneFiles(manifest, 'loyalty-wheel')).toEqual([
      'chunks/Dialog-e.js',
      'chunks/host-c.js',
      'chunks/loyalty-wheel-i.js',
      'chunks/product-a.js',
      'chunks/signals-d.js',
      'chunks/url-b.js',
      'regulars.js',
    ]);
  });
});

describe('weighBundle', () => {
  it('adds up the loader, everything but locale packs, and the locale packs apart', () => {
    const weight = weighBundle(sizes, manifest);
    expect(weight.loader.brotli).toBe(5000);
    expect(weight.everything.brotli).toBe(5000 + 1400 + 100 + 4000 + 8000 + 1500 + 2400 + 5800 + 5800);
    expect(weight.locales).toEqual({ files: ['chunks/sv-h.js', 'chunks/sv-j.js'], brotli: 1250 });
    expect(weight.warnings).toEqual({ files: ['chunks/messages-k.js'], brotli: 2100 });
    expect(weight.unreachable).toEqual([]);
  });

  it('lists a built file no page can load', () => {
    expect(weighBundle([...sizes, { file: 'chunks/orphan-z.js', raw: 1, gzip: 1, brotli: 1 }], manifest).unreachable).toEqual(['chunks/orphan-z.js']);
  });

  it('refuses sizes that do not match the manifest (a stale build)', () => {
    expect(() => weighBundle(sizes.filter((size) => size.file !== 'chunks/host-c.js'), manifest)).toThrow('sizes.json has no chunks/host-c.js');
  });
});
