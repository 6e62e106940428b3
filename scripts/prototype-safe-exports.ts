import type { Plugin } from 'vite';

// Rolldown's namespace helper, minified: `for(var r in e)s(n,r,{get:e[r],enumerable:!0})`.
const FOR_IN_EXPORT = /for\(var (\w+) in (\w+)\)(\w+)\((\w+),\1,\{get:\2\[\1\]/g;

/**
 * Makes the bundler's namespace-object helper ignore inherited properties. A store page that
 * adds an enumerable property to Object.prototype (old libraries still do) would otherwise hand
 * `Object.defineProperty` a non-function getter and stop the widget chunk that uses the helper.
 */
export function prototypeSafeExports(): Plugin {
  return {
    name: 'regulars-prototype-safe-exports',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        chunk.code = chunk.code.replace(FOR_IN_EXPORT, 'for(var $1 of Object.keys($2))$3($4,$1,{get:$2[$1]');
        if (/for\(var \w+ in \w+\)\w+\(\w+,\w+,\{get:/.test(chunk.code)) {
          this.error(`${chunk.fileName}: a namespace helper still walks inherited properties`);
        }
      }
    },
  };
}
