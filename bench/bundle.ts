/**
 * What the bundle weighs from a page's point of view: the loader alone, and everything a page can
 * load (the loader and every chunk reachable from it), with the per-language locale packs and the
 * warning texts apart.
 */
import type { FileSize } from '../scripts/sizes';

/** One entry of Vite's build manifest (dist/.vite/manifest.json). */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** Vite's build manifest, keyed by source module (or `_<file>` for shared chunks). */
export type Manifest = Record<string, ManifestChunk>;

/** The weight of a set of files. */
export interface FileGroup {
  files: string[];
  brotli: number;
}

/** The bundle's weight as the budgets see it. */
export interface BundleWeight {
  loader: FileSize;
  /** The loader and every chunk it can load, locale packs excepted. */
  everything: FileGroup;
  /** Non-English locale packs (English ships inside each widget). */
  locales: FileGroup;
  /** The merchant-facing warning texts, which load only on a page with a wrong config or command. */
  warnings: FileGroup;
  /** Built files no page can load (there should be none). */
  unreachable: string[];
}

/** Whether a chunk is a widget's locale pack (`src/widgets/<name>/locales/<lang>.ts`). */
export function isLocalePack(chunk: ManifestChunk): boolean {
  return /(^|\/)locales\/[^/]+\.ts$/.test(chunk.src ?? '');
}

/** The files reachable from the chunk that built `entryFile`, following static and dynamic imports, except the chunks `skip` rejects. */
export function reachableFiles(manifest: Manifest, entryFile: string, skip: (chunk: ManifestChunk) => boolean = () => false): string[] {
  const entry = Object.keys(manifest).find((key) => manifest[key]!.file === entryFile);
  if (!entry) throw new Error(`the build manifest has no ${entryFile}`);
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the build manifest names ${key} but has no entry for it`);
    if (seen.has(key) || skip(chunk)) return;
    seen.add(key);
    for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next);
  };
  visit(entry);
  return [...seen].map((key) => manifest[key]!.file).sort();
}

/** Whether a chunk holds the warning texts (`src/core/messages.ts`): a merchant's page loads it only to print a warning. */
export function isWarningTexts(chunk: ManifestChunk): boolean {
  return /(^|\/)src\/core\/messages\.ts$/.test(chunk.src ?? '');
}

/** The chunks no shopper of a well-configured page downloads in English: counted apart from the budgets. */
const countedApart = (chunk: ManifestChunk) => isLocalePack(chunk) || isWarningTexts(chunk);

const WIDGET_ENTRY = /(^|\/)src\/widgets\/([^/]+)\/index\.ts$/;

/**
 * Everything a page with only `widget` enabled can load once that widget has opened: the loader and
 * the chunks reachable from it, without the other widgets' chunks and without locale packs.
 */
export function widgetAloneFiles(manifest: Manifest, widget: string, loaderFile = 'regulars.js'): string[] {
  return reachableFiles(manifest, loaderFile, (chunk) => {
    if (countedApart(chunk)) return true;
    const name = WIDGET_ENTRY.exec(chunk.src ?? '')?.[2];
    return name !== undefined && name !== 'host' && name !== widget;
  });
}

/** Weighs the loader, everything reachable from it and the locale packs, from the build's sizes and manifest. */
export function weighBundle(sizes: readonly FileSize[], manifest: Manifest, loaderFile = 'regulars.js'): BundleWeight {
  const byFile = new Map(sizes.map((size) => [size.file, size]));
  const weigh = (files: string[]): FileGroup => ({
    files,
    brotli: files.reduce((sum, file) => {
      const size = byFile.get(file);
      if (!size) throw new Error(`sizes.json has no ${file}: rebuild with npm run build`);
      return sum + size.brotli;
    }, 0),
  });
  const loader = byFile.get(loaderFile);
  if (!loader) throw new Error(`sizes.json has no ${loaderFile}: rebuild with npm run build`);
  const everything = reachableFiles(manifest, loaderFile, countedApart);
  const locales = Object.values(manifest).filter(isLocalePack).map((chunk) => chunk.file).sort();
  const warnings = Object.values(manifest).filter(isWarningTexts).map((chunk) => chunk.file).sort();
  const accounted = new Set([...everything, ...locales, ...warnings]);
  return {
    loader,
    everything: weigh(everything),
    locales: weigh(locales),
    warnings: weigh(warnings),
    unreachable: sizes.map((size) => size.file).filter((file) => !accounted.has(file)),
  };
}
