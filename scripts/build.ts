/**
 * Builds the shippable bundle into dist/: `regulars.js` (the classic script the snippet loads),
 * lazy ES-module chunks under `chunks/`, `regulars.d.ts` for the global, and `sizes.json`.
 * Prints raw, gzip and brotli sizes per file.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { classicLoader, LOADER_FILE, widgetSideCopies } from './classic-loader';
import { prototypeSafeExports } from './prototype-safe-exports';
import { measureDirectory, formatSizeTable } from './sizes';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };

await build({
  configFile: false,
  root,
  logLevel: 'warn',
  define: { __REGULARS_VERSION__: JSON.stringify(version) },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [widgetSideCopies(), prototypeSafeExports(), classicLoader()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ES2022: class fields and top-level features need no helpers (Chrome 94, Firefox 93, Safari 15.4 and later).
    target: 'es2022',
    minify: true,
    modulePreload: false,
    reportCompressedSize: false,
    lib: { entry: 'src/loader.ts', formats: ['es'], fileName: () => LOADER_FILE },
    rolldownOptions: {
      // Lib mode keeps whitespace in ES output unless the output itself asks for minification.
      output: { minify: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});

execFileSync('npx', ['tsc', '-p', 'tsconfig.types.json'], { cwd: root, stdio: 'inherit' });
// The global's declaration is hand-written (tsc does not emit .d.ts inputs); ship it beside the emitted types.
copyFileSync(`${root}src/global.d.ts`, `${root}dist/types/global.d.ts`);
writeFileSync(
  `${root}dist/regulars.d.ts`,
  "/** Types of the Regulars global, `window.regulars`, and its config. */\nimport './types/global';\nexport type * from './types/types';\n",
);

const sizes = measureDirectory(`${root}dist`);
writeFileSync(`${root}dist/sizes.json`, JSON.stringify(sizes, null, 2) + '\n');
console.log(formatSizeTable(sizes));
