import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readJsonConfig, readScriptConfig } from '../../src/core/config';
import { resolveConfig, type RegularsConfig } from '../../src/config-schema';
import {
  bundleFolderProblems,
  buildSnippet,
  defaultBundleFolder,
  escapeAttribute,
  jsonForScriptBlock,
  RECENTLY_VIEWED_SLOT,
  schemelessProblems,
  sriFromDigest,
  widgetList,
} from './configurator-snippet';

const FOLDER = 'https://cdn.example/regulars/0.1.0';
const INTEGRITY = 'sha384-' + 'A'.repeat(64);
const parse = (html: string) => new DOMParser().parseFromString(`<!doctype html><html><head>${html}</head><body></body></html>`, 'text/html');

/** Reads a pasted snippet back the way the loader does: the tag's attributes, then the JSON block over them. */
function readBack(head: string): RegularsConfig {
  const doc = parse(head);
  const script = doc.querySelector<HTMLScriptElement>('script[src]');
  return { ...readScriptConfig(script), ...readJsonConfig(doc, () => expect.unreachable('the JSON block must parse')) };
}

describe('escapeAttribute', () => {
  it('escapes every character that could end or break a double-quoted attribute', () => {
    expect(escapeAttribute(`a"b'c<d>e&f`)).toBe('a&quot;b&#39;c&lt;d&gt;e&amp;f');
  });

  it('gives back the exact value once the browser parses it', () => {
    const endpoint = 'https://shop.example/regulars?x="1"&y=<b>\'';
    const { tag } = buildSnippet({ bundleFolder: FOLDER, integrity: INTEGRITY, config: { endpoint } });
    const doc = parse(tag);
    expect(doc.querySelectorAll('script')).toHaveLength(1);
    expect(doc.querySelector<HTMLScriptElement>('script')!.dataset.endpoint).toBe(endpoint);
  });
});

describe('jsonForScriptBlock', () => {
  const hostile = { strings: { 'chat.title': '</script><script>alert(1)</script>', 'chat.send': '<!-- <script>', 'chat.close': 'line\u2028break' } };

  it('writes no "<" at all, so no text can close the block early', () => {
    const json = jsonForScriptBlock(hostile);
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual(hostile);
  });

  it('survives the HTML parser: one block, whose JSON is the config', () => {
    const { head } = buildSnippet({ bundleFolder: FOLDER, integrity: INTEGRITY, config: { widgets: ['chat'], ...hostile } });
    const doc = parse(head);
    expect(doc.querySelectorAll('script')).toHaveLength(2);
    expect(JSON.parse(doc.querySelector('script[data-regulars-config]')!.textContent!)).toEqual(hostile);
  });
});

describe('sriFromDigest', () => {
  it('formats a SHA-384 digest as sha384- and base64, as a browser checks it', async () => {
    const bytes = new TextEncoder().encode('(()=>{"regulars"})();\n');
    const digest = await crypto.subtle.digest('SHA-384', bytes);
    const value = sriFromDigest(digest);
    expect(value).toBe(`sha384-${createHash('sha384').update(bytes).digest('base64')}`);
    expect(value).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);
  });

  it('takes the digest as bytes too', () => {
    const bytes = new Uint8Array(48).map((_, index) => index * 5);
    expect(sriFromDigest(bytes)).toBe(`sha384-${Buffer.from(bytes).toString('base64')}`);
  });
});

describe('widgetList', () => {
  it('lists the widgets of an array in their order, each once', () => {
    expect(widgetList({ widgets: ['chat', 'recently-viewed', 'chat'] })).toBe('chat,recently-viewed');
  });

  it('cleans a comma-separated string and keeps an empty list empty', () => {
    expect(widgetList({ widgets: ' chat , ,loyalty-wheel' as RegularsConfig['widgets'] })).toBe('chat,loyalty-wheel');
    expect(widgetList({ widgets: [] })).toBe('');
    expect(widgetList({})).toBe('');
  });
});

describe('buildSnippet', () => {
  const config: RegularsConfig = {
    endpoint: 'https://shop.example/regulars',
    widgets: ['recently-viewed', 'chat'],
    locale: 'sv',
    consent: 'required',
    theme: { accent: '#8a3b52', radius: '4px' },
    chat: { position: 'left', color: '#24405f' },
    strings: { 'chat.title': 'Fråga oss' },
  };

  it('writes the tag with the attributes in the documented order', () => {
    const { tag } = buildSnippet({ bundleFolder: `${FOLDER}/`, integrity: INTEGRITY, config });
    expect(tag).toBe(
      `<script async fetchpriority="low" src="${FOLDER}/regulars.js" integrity="${INTEGRITY}" crossorigin="anonymous" ` +
        'data-endpoint="https://shop.example/regulars" data-widgets="recently-viewed,chat" data-locale="sv"></script>',
    );
  });

  it('puts the rest in a JSON block that comes before the tag', () => {
    const snippet = buildSnippet({ bundleFolder: FOLDER, integrity: INTEGRITY, config });
    expect(snippet.head).toBe(`${snippet.jsonBlock}\n${snippet.tag}`);
    expect(snippet.jsonBlock.startsWith('<script type="application/json" data-regulars-config>\n')).toBe(true);
    expect(JSON.parse(parse(snippet.jsonBlock).querySelector('script')!.textContent!)).toEqual({
      consent: 'required',
      theme: config.theme,
      chat: config.chat,
      strings: config.strings,
    });
    expect(snippet.slot).toBe(RECENTLY_VIEWED_SLOT);
  });

  it('is read back by the loader as the same config', () => {
    const { head } = buildSnippet({ bundleFolder: FOLDER, integrity: INTEGRITY, config });
    const url = 'https://shop.example/products/a';
    expect(resolveConfig(readBack(head), url, 'en', () => undefined)).toEqual(resolveConfig(config, url, 'en', () => undefined));
  });

  it('leaves out the JSON block when the attributes carry everything, and an empty list stays an empty list', () => {
    const snippet = buildSnippet({ bundleFolder: FOLDER, integrity: INTEGRITY, config: { endpoint: 'https://shop.example/r', widgets: [] } });
    expect(snippet.jsonBlock).toBe('');
    expect(snippet.head).toBe(snippet.tag);
    expect(readBack(snippet.head)).toEqual({ endpoint: 'https://shop.example/r', widgets: '' });
    expect(resolveConfig(readBack(snippet.head), 'https://shop.example/', 'en', () => undefined).widgets).toEqual([]);
  });

  it('writes no integrity or crossorigin while the hash is unknown', () => {
    const { tag } = buildSnippet({ bundleFolder: FOLDER, integrity: null, config: { widgets: ['chat'] } });
    expect(tag).not.toContain('integrity');
    expect(tag).not.toContain('crossorigin');
  });
});

describe('bundleFolderProblems', () => {
  const base = 'http://127.0.0.1:5173/demo/configurator.html';

  it('accepts the proposed folder and a self-hosted versioned path', () => {
    expect(bundleFolderProblems(defaultBundleFolder('0.1.0'), '0.1.0', base)).toEqual([]);
    expect(defaultBundleFolder('0.1.0')).toBe('https://cdn.jsdelivr.net/npm/regulars@0.1.0/dist');
    expect(bundleFolderProblems('/assets/regulars/0.1.0/', '0.1.0', base)).toEqual([]);
  });

  it('names a folder without the version, one that is not http(s), and an empty one', () => {
    expect(bundleFolderProblems('https://cdn.example/regulars/latest', '0.1.0', base)).toEqual([expect.objectContaining({ field: 'bundle', problem: 'has no version (0.1.0) in its path' })]);
    expect(bundleFolderProblems('javascript:alert(1)//0.1.0', '0.1.0', base)[0]!.problem).toContain('is not an http(s) URL');
    expect(bundleFolderProblems('  ', '0.1.0', base)[0]!.problem).toBe('is empty');
  });

  it('names a folder without a scheme, which each shop page would read as a path of its own', () => {
    expect(bundleFolderProblems('cdn.example/regulars/0.1.0', '0.1.0', base)).toEqual([
      {
        field: 'bundle',
        problem: '"cdn.example/regulars/0.1.0" has no scheme, so it would be read as a path on each shop page',
        fix: 'Start it with https:// (https://cdn.example/regulars/0.1.0), or with / for a path on the shop itself',
      },
    ]);
    expect(bundleFolderProblems('//cdn.example/regulars/0.1.0', '0.1.0', base)).toEqual([]);
  });

  it('names a query or hash, which would come before regulars.js', () => {
    for (const folder of ['https://cdn.example/regulars/0.1.0/?v=1', 'https://cdn.example/regulars/0.1.0#x', 'https://cdn.example/regulars/0.1.0?']) {
      expect(bundleFolderProblems(folder, '0.1.0', base)).toEqual([expect.objectContaining({ field: 'bundle', problem: expect.stringMatching(/^has a query or hash \("[?#]/) })]);
    }
  });

  it("names the script's own URL or its chunks folder, and gives the folder that holds regulars.js", () => {
    const folder = 'https://cdn.example/regulars/0.1.0';
    for (const given of [`${folder}/regulars.js`, `${folder}/chunks/`, `${folder}/chunks`, `${folder}/chunks/host-x1.js`]) {
      expect(bundleFolderProblems(given, '0.1.0', base)).toEqual([
        { field: 'bundle', problem: expect.stringMatching(/^is not the folder that holds regulars\.js: the script's URL would be https:\/\/cdn\.example\/regulars\/0\.1\.0\/(regulars\.js|chunks(\/host-x1\.js)?)\/regulars\.js$/), fix: `Give the folder itself: ${folder}` },
      ]);
    }
    expect(bundleFolderProblems('/regulars.js', '0.1.0', base)[0]!.fix).toBe('Give the folder itself: /');
    // A folder that only has "chunks" inside a longer name is a folder like any other.
    expect(bundleFolderProblems(`${folder}/chunks-old`, '0.1.0', base)).toEqual([]);
  });

  it('wants the version as a whole path segment, not inside a longer one', () => {
    for (const folder of ['https://cdn.example/regulars/0.1.00', 'https://cdn.example/regulars/10.1.0', 'https://cdn.example/regulars-0.1.0x']) {
      expect(bundleFolderProblems(folder, '0.1.0', base)).toEqual([expect.objectContaining({ problem: 'has no version (0.1.0) in its path' })]);
    }
    expect(bundleFolderProblems('https://unpkg.com/regulars@0.1.0/dist', '0.1.0', base)).toEqual([]);
  });
});

describe('schemelessProblems', () => {
  it('names an endpoint without a scheme, and accepts absolute URLs and paths on the shop', () => {
    expect(schemelessProblems('endpoint', ' shop.example/regulars ')).toEqual([
      {
        field: 'endpoint',
        problem: '"shop.example/regulars" has no scheme, so it would be read as a path on each shop page',
        fix: 'Start it with https:// (https://shop.example/regulars), or with / for a path on the shop itself',
      },
    ]);
    for (const fine of ['', 'https://shop.example/regulars', '/regulars', '//shop.example/regulars']) expect(schemelessProblems('endpoint', fine)).toEqual([]);
  });
});
