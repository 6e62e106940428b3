import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  const declarations = readdirSync(directory, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.d.ts'));
  for (const file of [...declarations.map((name) => join(directory, name)), ...extra]) writeFileSync(file, withJsExtensions(readFileSync(file, 'utf8')));
}
