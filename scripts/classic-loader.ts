import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/** The loader's file name in dist/: what the snippet's `src` points at. */
export const LOADER_FILE = 'regulars.js';

/**
 * Turns the loader chunk into a classic script: it must not import anything statically (the
 * snippet is a plain `<script async>`), its top-level names must not leak into the page's global
 * scope, and its lazy imports must resolve against the script's own URL, wherever it is hosted.
 */
export function classicLoader(): Plugin {
  return {
    name: 'regulars-classic-loader',
    generateBundle(_options, bundle) {
      const loader = bundle[LOADER_FILE];
      if (!loader || loader.type !== 'chunk') return this.error(`${LOADER_FILE} was not built`);
      if (loader.imports.length || loader.exports.length) {
        return this.error(
          `${LOADER_FILE} must not share code with the widget chunks (static imports: ${loader.imports.join(', ') || 'none'}); ` +
            'widgets get runtime services through their context instead of importing them',
        );
      }
      const code = loader.code.replace(/import\((["'`])\.\/([^"'`]+)\1\)/g, 'import(__regularsBase+"$2")');
      loader.code =
        '(function(){var __regularsBase=((document.currentScript&&document.currentScript.src)||"").replace(/[^/]*$/,"");' +
        code.trim() +
        '\n})();\n';
    },
  };
}

const WIDGET_SIDE = /[\\/]src[\\/](widgets[\\/][^\\/]+[\\/]|ui[\\/]|core[\\/]product[\\/])/;
const CORE = /[\\/]src[\\/]core[\\/]/;
const COPY_SUFFIX = '?widget-side';

/**
 * Gives lazy chunks (widgets, shared UI, the product reader) their own copy of the few pure core
 * helpers they share with the loader (URL checks, for one): sharing a module would make the
 * classic-script loader import a chunk statically.
 */
export function widgetSideCopies(): Plugin {
  return {
    name: 'regulars-widget-side-copies',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.startsWith('.')) return null;
      const fromWidgetSide = importer.endsWith(COPY_SUFFIX) || WIDGET_SIDE.test(importer);
      if (!fromWidgetSide) return null;
      const resolved = await this.resolve(source, importer.replace(COPY_SUFFIX, ''), { ...options, skipSelf: true });
      if (!resolved || !CORE.test(resolved.id) || resolved.id.includes('?')) return null;
      return resolved.id + COPY_SUFFIX;
    },
    load(id) {
      if (!id.endsWith(COPY_SUFFIX)) return null;
      return readFileSync(id.slice(0, -COPY_SUFFIX.length), 'utf8');
    },
  };
}
