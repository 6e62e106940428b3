import { minify } from 'terser';
import type { Plugin } from 'vite';
import { LOADER_FILE } from './classic-loader';

/**
 * Minifies every chunk a store page loads once more with terser, after the bundler's own minifier:
 * its repeated compress passes take about 0.7 KB brotli off the loader and the widgets together.
 * Comments go too, so the `@__PURE__` marks the bundler leaves (useful only to a later bundler) are not shipped.
 */
export function terserPass(): Plugin {
  return {
    name: 'regulars-terser-pass',
    // After the bundle is written out, not in renderChunk: the bundler's minifier runs after that hook
    // and would undo part of the gain. File names are hashed before, from the bundler's output; terser is
    // pinned and deterministic, so a name still stands for one content.
    async generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        // The loader is a classic script by now (see classicLoader); the rest are ES modules.
        const { code } = await minify(chunk.code, {
          module: chunk.fileName !== LOADER_FILE,
          ecma: 2020,
          compress: { passes: 2 },
          format: { comments: false },
        });
        if (!code) return this.error(`terser returned nothing for ${chunk.fileName}`);
        chunk.code = code;
      }
    },
  };
}
