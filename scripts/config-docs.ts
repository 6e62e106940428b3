/**
 * `npm run docs`: regenerates the reference tables of docs/config.md from the config types in
 * src/types.ts and the widgets' locale packs, leaving the hand-written prose around them alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderConfigDocs } from './config-docs/render';
import { readConfigSources } from './config-docs/sources';

const root = fileURLToPath(new URL('..', import.meta.url));
const docsPath = `${root}docs/config.md`;

const current = readFileSync(docsPath, 'utf8');
const next = renderConfigDocs(current, readConfigSources(root));
if (next === current) {
  console.log('docs/config.md is up to date');
} else {
  writeFileSync(docsPath, next);
  console.log('docs/config.md regenerated from src/types.ts and the locale packs');
}
