import type { Plugin } from 'vite';

/**
 * Drops the `@__PURE__` comments the minifier leaves in ES output: they only help a later bundler,
 * and every chunk ships them. Only the comment goes; the space around it stays (`return t()`).
 */
export function stripPureAnnotations(): Plugin {
  return {
    name: 'regulars-strip-pure-annotations',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk') chunk.code = chunk.code.replace(/\/\* ?[@#]__PURE__ ?\*\//g, '');
      }
    },
  };
}
