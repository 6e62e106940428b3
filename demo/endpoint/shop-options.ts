/**
 * The shop's own options for the standalone service (the wheel, chat channels, the catalogue
 * lookup, email verification) from a module the merchant writes, such as `regulars.shop.ts`
 * with `export default { wheel: {...}, products: async (queries) => [...] }`. Secrets, the store
 * and the network settings come from the environment instead, so they never sit in a source file.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EndpointOptions } from './options';

/** The options a shop module may set. */
export type ShopOptions = Pick<EndpointOptions, 'wheel' | 'chat' | 'products' | 'verifyEmails' | 'bodyLimit'>;

const ALLOWED = new Set<string>(['wheel', 'chat', 'products', 'verifyEmails', 'bodyLimit']);

/** Checks a shop module's default export: only `ShopOptions` keys; anything else is named with where it belongs. */
export function checkShopOptions(value: unknown, source: string): ShopOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${source} must export default an object such as { wheel: { segments: [...] } }.`);
  }
  for (const key of Object.keys(value)) {
    if (!ALLOWED.has(key)) {
      throw new TypeError(
        `${source} sets "${key}", which a shop module may not set: secrets, origins, limits and the store come from environment variables (see --help). Allowed: ${[...ALLOWED].join(', ')}.`,
      );
    }
  }
  return value as ShopOptions;
}

/** Imports the shop module at `file` (relative to the working directory) and checks it. */
export async function loadShopOptions(file: string): Promise<ShopOptions> {
  const url = pathToFileURL(path.resolve(file)).href;
  const module = (await import(url)) as { default?: unknown };
  return checkShopOptions(module.default, file);
}
