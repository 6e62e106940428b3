/**
 * Builds the shippable bundle into dist/: `regulars.js` (the classic script the snippet loads),
 * lazy ES-module chunks under `chunks/`, `regulars.d.ts` for the global, and `sizes.json`.
 * Prints raw, gzip and brotli sizes per file. Then the ESM entry for developers who bundle:
 * `esm/index.js` with its own chunks, and `types/index.d.ts`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { classicLoader, LOADER_FILE, widgetSideCopies } from './classic-loader';
import { addDeclarationExtensions } from './declaration-extensions';
import { prototypeSafeExports } from './prototype-safe-exports';
import { weighBundle, type Manifest } from '../bench/bundle';
import { EVERYTHING_BROTLI_LIMIT, formatSizeTable, LOADER_BROTLI_LIMIT, measureDirectory } from './sizes';
import { terserPass } from './terser-pass';
import { TSC } from './tsc';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };

/** What every build here shares: no config file, this root, the version the bundle reports. */
const shared = {
  configFile: false as const,
  root,
  logLevel: 'warn' as const,
  define: { __REGULARS_VERSION__: JSON.stringify(version) },
};

/**
 * Modules that travel in one shared UI chunk: Preact, signals, and the dialog, live region, text
 * field, translator and random ids the widgets share. Tiny chunks of their own would each cost a
 * round trip after the widget that imports them arrives.
 */
const UI_CHUNK_MODULES = /node_modules[\\/](preact|@preact)[\\/]|src[\\/]ui[\\/]|src[\\/]core[\\/](i18n|ids)\.ts\?widget-side/;

await build({
  ...shared,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [widgetSideCopies(), prototypeSafeExports(), classicLoader(), terserPass()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ES2022: class fields and top-level features need no helpers (Chrome 94, Firefox 93, Safari 15.4 and later).
    target: 'es2022',
    minify: true,
    modulePreload: false,
    reportCompressedSize: false,
    // .vite/manifest.json: the chunk graph, so the bench can add up everything a page can load.
    manifest: true,
    lib: { entry: 'src/loader.ts', formats: ['es'], fileName: () => LOADER_FILE },
    rolldownOptions: {
      // Lib mode keeps whitespace in ES output unless the output itself asks for minification.
      output: {
        minify: true,
        chunkFileNames: 'chunks/[name]-[hash].js',
        codeSplitting: { groups: [{ name: 'ui', test: UI_CHUNK_MODULES }] },
      },
    },
  },
});

execFileSync(process.execPath, [TSC, '-p', 'tsconfig.types.json'], { cwd: root, stdio: 'inherit' });
// The global's declaration is hand-written (tsc does not emit .d.ts inputs); ship it beside the emitted types.
copyFileSync(`${root}src/global.d.ts`, `${root}dist/types/global.d.ts`);
writeFileSync(
  `${root}dist/regulars.d.ts`,
  "/** Types of the Regulars global, `window.regulars`, and its config. */\nimport './types/global';\nexport type * from './types/types';\n",
);

const sizes = measureDirectory(`${root}dist`);
writeFileSync(`${root}dist/sizes.json`, JSON.stringify(sizes, null, 2) + '\n');
console.log(formatSizeTable(sizes));
const loaderSize = sizes.find((size) => size.file === LOADER_FILE)!;
if (loaderSize.brotli > LOADER_BROTLI_LIMIT) {
  console.error(`${LOADER_FILE} is ${loaderSize.brotli} B brotli, over its ${LOADER_BROTLI_LIMIT} B limit: every page pays for it, so move code into a lazy chunk`);
  process.exit(1);
}
const { everything } = weighBundle(sizes, JSON.parse(readFileSync(`${root}dist/.vite/manifest.json`, 'utf8')) as Manifest, LOADER_FILE);
console.log(`everything a page can load: ${(everything.brotli / 1024).toFixed(2)} KB brotli (limit ${EVERYTHING_BROTLI_LIMIT / 1024} KB)`);
if (everything.brotli > EVERYTHING_BROTLI_LIMIT) {
  console.error(`The loader and all four widgets are ${everything.brotli} B brotli, over the ${EVERYTHING_BROTLI_LIMIT} B limit: find what grew (npm run build prints each file)`);
  process.exit(1);
}

// The ESM entry shares the source and the widget-side copies, but not the classic-script wrapper
// (a bundler resolves its lazy imports itself) nor the terser pass (that bundler minifies, and uses the pure marks).
// Built after sizes.json, which describes what a page loads.
await build({
  ...shared,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [widgetSideCopies(), prototypeSafeExports()],
  build: {
    outDir: 'dist/esm',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    modulePreload: false,
    reportCompressedSize: false,
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'index.js' },
    rolldownOptions: { output: { minify: true, chunkFileNames: 'chunks/[name]-[hash].js' } },
  },
});

// Declarations of the ESM entry: emitted (without type checking, which `npm run typecheck` does)
// into .tmp/, and only index.d.ts is kept: it must name nothing but the public types.
const declarations = `${root}.tmp/esm-types`;
mkdirSync(declarations, { recursive: true });
writeFileSync(
  `${declarations}/tsconfig.json`,
  JSON.stringify({
    extends: '../../tsconfig.json',
    compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, noCheck: true, outDir: '.', rootDir: '../../src' },
    include: ['../../src/index.ts', '../../src/global.d.ts'],
  }),
);
execFileSync(process.execPath, [TSC, '-p', `${declarations}/tsconfig.json`], { cwd: root, stdio: 'inherit' });
const entryTypes = readFileSync(`${declarations}/index.d.ts`, 'utf8');
const imported = [...entryTypes.matchAll(/^(?:import|export)\b[^;]*?\bfrom ['"]([^'"]+)['"]/gm)].map((match) => match[1]);
if (imported.some((source) => source !== './types')) {
  throw new Error(`dist/types/index.d.ts may import only ./types, but imports ${imported.join(', ')}`);
}
copyFileSync(`${declarations}/index.d.ts`, `${root}dist/types/index.d.ts`);
addDeclarationExtensions(`${root}dist/types`, [`${root}dist/regulars.d.ts`]);
const esm = measureDirectory(`${root}dist/esm`);
const esmBrotli = esm.reduce((sum, size) => sum + size.brotli, 0);
console.log(`esm/: index.js and ${esm.length - 1} chunks, ${(esmBrotli / 1024).toFixed(2)} KB brotli in all`);

// The config schema for tools outside the bundle (the demo's configurator imports /dist/config.js):
// the validation the loader and the widgets run, as one side-effect-free ES module. No store page
// loads it, so it is built after sizes.json, into dist/ beside the regulars.js it describes.
await build({
  ...shared,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'es2022',
    minify: true,
    modulePreload: false,
    reportCompressedSize: false,
    lib: { entry: 'src/config-schema.ts', formats: ['es'], fileName: () => 'config.js' },
    rolldownOptions: {
      output: { minify: true },
      // The warning texts are a lazy chunk for the loader but part of this one file by design
      // (the schema formats them synchronously), so the bundler's note about that is noise.
      checks: { ineffectiveDynamicImport: false },
    },
  },
});
