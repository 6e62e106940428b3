/** Reads from disk the sources docs/config.md is generated from: src/types.ts and every widget's locale packs. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One locale pack's source: `src/widgets/<widget>/locales/<language>.ts`. */
export interface LocalePackSource {
  widget: string;
  language: string;
  file: string;
  source: string;
}

/** The source texts the config reference is generated from. */
export interface ConfigSources {
  /** The text of src/types.ts. */
  types: string;
  localePacks: LocalePackSource[];
}

/** Reads src/types.ts and `src/widgets/*\/locales/*.ts` (tests left out) under the project root `root`. */
export function readConfigSources(root: string): ConfigSources {
  const widgets = join(root, 'src/widgets');
  const localePacks: LocalePackSource[] = [];
  for (const widget of readdirSync(widgets).sort()) {
    const folder = join(widgets, widget, 'locales');
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).sort()) {
      if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
      const file = `src/widgets/${widget}/locales/${name}`;
      localePacks.push({ widget, language: name.slice(0, -'.ts'.length), file, source: readFileSync(join(root, file), 'utf8') });
    }
  }
  return { types: readFileSync(join(root, 'src/types.ts'), 'utf8'), localePacks };
}
