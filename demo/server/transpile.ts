/**
 * Turns the demo pages' TypeScript into JavaScript on request with Vite's Oxc transform
 * (types stripped, nothing bundled), cached until the file changes.
 */

/** JavaScript for a browser, with an inline source map so devtools show the TypeScript. */
export interface TranspiledModule {
  code: string;
}

const cache = new Map<string, { mtimeMs: number; module: TranspiledModule }>();

/** Transpiles `source` (the file at `filename`, last modified at `mtimeMs`); throws on a syntax error. */
export async function transpileTypeScript(source: string, filename: string, mtimeMs: number): Promise<TranspiledModule> {
  const cached = cache.get(filename);
  if (cached && cached.mtimeMs === mtimeMs) return cached.module;
  // Loaded on first use: Vite is large, and most requests are for HTML, CSS and images.
  const { transformWithOxc } = await import('vite');
  const result = await transformWithOxc(source, filename, { lang: 'ts', sourcemap: true, target: 'es2022' });
  const map = result.map ? `\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(result.map)).toString('base64')}\n` : '';
  const module = { code: result.code + map };
  cache.set(filename, { mtimeMs, module });
  return module;
}
