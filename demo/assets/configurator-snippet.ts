/**
 * Writes the merchant's snippet from a config: the JSON block, the script tag with its integrity
 * hash, and the recently-viewed slot. Pure functions, so the text the configurator shows is the
 * text these tests check.
 */
import type { RegularsConfig } from '../../src/config-schema';

/** The config keys that go on the script tag as `data-*` attributes; everything else goes in the JSON block. */
export const TAG_ATTRIBUTES = ['endpoint', 'widgets', 'locale'] as const;

/** The element a merchant puts where the recently-viewed strip belongs. */
export const RECENTLY_VIEWED_SLOT = '<div data-regulars-slot="recently-viewed"></div>';

/** Escapes text for a double-quoted HTML attribute value. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * JSON that is safe inside `<script type="application/json">`: every `<` is written `\u003c`, so no
 * text (`</script>`, `<!--`) can end the element early, and JSON.parse still reads the same value.
 */
export function jsonForScriptBlock(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Formats a SHA-384 digest as a Subresource Integrity value: `sha384-` and the digest in base64. */
export function sriFromDigest(digest: ArrayBuffer | Uint8Array): string {
  const bytes = digest instanceof Uint8Array ? digest : new Uint8Array(digest);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `sha384-${btoa(binary)}`;
}

/** The `data-widgets` value: the widgets a config enables, comma-separated, each once, in the order given. */
export function widgetList(config: RegularsConfig): string {
  const raw = config.widgets;
  const names = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw : [];
  const list: string[] = [];
  for (const name of names) {
    const trimmed = String(name).trim();
    if (trimmed && !list.includes(trimmed)) list.push(trimmed);
  }
  return list.join(',');
}

/** The script's URL in the merchant's versioned bundle folder. */
export function bundleScriptUrl(folder: string): string {
  return `${folder.trim().replace(/\/+$/, '')}/regulars.js`;
}

/** What the snippet is made of. */
export interface SnippetInput {
  /** The folder that serves `regulars.js` and its `chunks/`, with the version in its path. */
  bundleFolder: string;
  /** The `sha384-…` value of that folder's `regulars.js`, or null while it is unknown. */
  integrity: string | null;
  config: RegularsConfig;
}

/** The pieces a merchant pastes. */
export interface Snippet {
  /** For the `<head>` of every page: the JSON block (when there is one) before the script tag. */
  head: string;
  /** The script tag alone. */
  tag: string;
  /** The JSON block alone, or an empty string when the tag's attributes carry the whole config. */
  jsonBlock: string;
  /** Where the recently-viewed strip goes. */
  slot: string;
}

/** The part of a config the JSON block carries: everything but the tag's attributes. */
export function jsonPart(config: RegularsConfig): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(config)) {
    const value = (config as Record<string, unknown>)[key];
    if (value !== undefined && !(TAG_ATTRIBUTES as readonly string[]).includes(key)) rest[key] = value;
  }
  return rest;
}

/**
 * Writes the snippet. The JSON block comes first: the loader reads it the moment it runs, and an
 * async script may run before the parser reaches anything after it.
 */
export function buildSnippet({ bundleFolder, integrity, config }: SnippetInput): Snippet {
  const attributes: [string, string][] = [
    ['src', bundleScriptUrl(bundleFolder)],
    ...(integrity ? ([['integrity', integrity], ['crossorigin', 'anonymous']] as [string, string][]) : []),
  ];
  if (typeof config.endpoint === 'string' && config.endpoint.trim()) attributes.push(['data-endpoint', config.endpoint.trim()]);
  if (config.widgets !== undefined) attributes.push(['data-widgets', widgetList(config)]);
  if (typeof config.locale === 'string' && config.locale.trim()) attributes.push(['data-locale', config.locale.trim()]);
  const tag = `<script async fetchpriority="low" ${attributes.map(([name, value]) => `${name}="${escapeAttribute(value)}"`).join(' ')}></script>`;

  const rest = jsonPart(config);
  const jsonBlock = Object.keys(rest).length ? `<script type="application/json" data-regulars-config>\n${jsonForScriptBlock(rest)}\n</script>` : '';
  return { head: jsonBlock ? `${jsonBlock}\n${tag}` : tag, tag, jsonBlock, slot: RECENTLY_VIEWED_SLOT };
}

/** A problem with a field of the snippet itself (not of the config), worded like the bundle's warnings. */
export interface SnippetProblem {
  field: string;
  problem: string;
  fix: string;
}

/** The folder the configurator proposes: the npm package's files on jsDelivr, pinned to this version. */
export function defaultBundleFolder(version: string): string {
  return `https://cdn.jsdelivr.net/npm/regulars@${version}/dist`;
}

/** A URL as typed starts with its scheme (`https:`), or with `/` for a path or `//host` relative to the page. */
const ABSOLUTE_OR_ROOTED = /^([a-z][a-z0-9+.-]*:|\/)/i;

/**
 * Checks that a URL the snippet carries names its scheme or starts with `/`: the loader resolves
 * such values against each shop page, so `shop.example/regulars` would become a path under every
 * page's own folder, which the shop does not serve.
 */
export function schemelessProblems(field: string, value: string): SnippetProblem[] {
  const trimmed = value.trim();
  if (!trimmed || ABSOLUTE_OR_ROOTED.test(trimmed)) return [];
  return [{ field, problem: `${JSON.stringify(trimmed)} has no scheme, so it would be read as a path on each shop page`, fix: `Start it with https:// (https://${trimmed}), or with / for a path on the shop itself` }];
}

/** Whether a path segment names this release: `0.1.0` itself, or `name@0.1.0` as npm CDNs write it. */
const isVersionSegment = (segment: string, version: string) => segment === version || segment.endsWith(`@${version}`);

/**
 * The folder that holds regulars.js when a URL names a script in it (`…/0.1.0/regulars.js`) or its
 * chunks folder (`…/0.1.0/chunks/`, `…/chunks/host-x.js`), as the merchant typed it; else null.
 */
function holdingFolder(typed: string, pathname: string): string | null {
  const segments = pathname.split('/').filter(Boolean);
  let drop = /\.m?js$/i.test(segments.at(-1) ?? '') ? 1 : 0;
  if (segments.at(-1 - drop) === 'chunks') drop += 1;
  if (!drop) return null;
  let folder = typed.replace(/\/+$/, '');
  for (let step = 0; step < drop; step += 1) folder = folder.slice(0, folder.lastIndexOf('/'));
  // `/regulars.js` is the shop's root folder.
  return folder || '/';
}

/**
 * Checks the bundle folder: an http(s) URL with no query or hash (the script's URL is the folder's
 * with `/regulars.js` after it), the folder itself rather than the script or its chunks, and the
 * version as one segment of its path, so the integrity hash keeps matching.
 */
export function bundleFolderProblems(folder: string, version: string, base: string): SnippetProblem[] {
  const trimmed = folder.trim();
  if (!trimmed) return [{ field: 'bundle', problem: 'is empty', fix: 'Give the URL of the folder that serves regulars.js and its chunks' }];
  const schemeless = schemelessProblems('bundle', trimmed);
  if (schemeless.length) return schemeless;
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return [{ field: 'bundle', problem: `${JSON.stringify(trimmed)} is not an http(s) URL`, fix: 'Use an address such as https://cdn.example/regulars/' + version }];
  }
  const query = trimmed.search(/[?#]/);
  if (query >= 0) {
    return [{ field: 'bundle', problem: `has a query or hash (${JSON.stringify(trimmed.slice(query))}), which would come before /regulars.js in the script's URL`, fix: 'Remove it: give the folder alone, with the version in its path' }];
  }
  const holder = holdingFolder(trimmed, url.pathname);
  if (holder !== null) {
    return [{ field: 'bundle', problem: `is not the folder that holds regulars.js: the script's URL would be ${bundleScriptUrl(trimmed)}`, fix: `Give the folder itself: ${holder}` }];
  }
  if (!url.pathname.split('/').some((segment) => isVersionSegment(segment, version))) {
    return [{ field: 'bundle', problem: `has no version (${version}) in its path`, fix: `Serve each release from its own folder, such as …/regulars/${version}/, so the integrity hash always matches the file it was made from` }];
  }
  return [];
}
