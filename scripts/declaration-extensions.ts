import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Relative specifiers of `import`/`export … from` and bare `import '…'` in a declaration file. */
const RELATIVE_SPECIFIER = /(\bfrom\s+|\bimport\s+)(['"])(\.{1,2}\/[^'"]+?)(?<!\.js)\2/g;

/** Gives every relative specifier in `source` a `.js` extension. */
export function withJsExtensions(source: string): string {
  return source.replace(RELATIVE_SPECIFIER, '$1$2$3.js$2');
}

/**
 * Rewrites the `.d.ts` files under `directory` (and `extra` files) with `.js` extensions on their relative imports:
 * in a `"type": "module"` package, TypeScript's `node16`/`nodenext` resolution finds no extensionless import, and
 * the types would silently turn into `any` for a developer using it.
 */
export function addDeclarationExtensions(directory: string, extra: string[] = []): void {
  const files = [...extra];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.d.ts')) files.push(path);
    }
  };
  walk(directory);
  for (const file of files) writeFileSync(file, withJsExtensions(readFileSync(file, 'utf8')));
}
