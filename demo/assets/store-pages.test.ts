import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../catalog';

// Node's path helpers, because the test environment's URL is the DOM's, not Node's file URL.
const REPO_ROOT = join(fileURLToPath(import.meta.url), '../../..');
const SNIPPET =
  '<script async fetchpriority="low" src="/dist/regulars.js" data-endpoint="/regulars" data-widgets="recently-viewed,account-prompt,chat,loyalty-wheel" data-locale="en"></script>';
const STYLESHEET = '<link rel="stylesheet" href="/demo/assets/store.css">';

const STORE_PAGES = ['/index.html', '/demo/category.html', ...DEMO_PRODUCTS.map((product) => product.path)];
const TOOL_PAGES = ['/demo/events.html', '/demo/inbox.html', '/demo/configurator.html'];
const NAV = [
  ['/', 'Home'],
  ['/demo/category.html', 'Shop'],
  ['/demo/events.html', 'Events'],
  ['/demo/inbox.html', 'Agent inbox'],
  ['/demo/configurator.html', 'Configurator'],
];

const source = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
// happy-dom cannot load stylesheets and says so on every parse; the links are checked in the source instead.
const parse = (html: string) => new DOMParser().parseFromString(html.replace(/<link rel="stylesheet"[^>]*>/g, ''), 'text/html');

describe.each([...STORE_PAGES, ...TOOL_PAGES])('%s', (path) => {
  const html = source(path);
  const doc = parse(html);
  const elements = Array.from(doc.querySelectorAll('*'));

  it('runs under a strict CSP: no inline script, style or event handler, nothing from another origin', () => {
    for (const script of Array.from(doc.querySelectorAll('script'))) {
      const src = script.getAttribute('src');
      if (src === null) expect(['application/ld+json', 'application/json']).toContain(script.getAttribute('type'));
      else expect(src).toMatch(/^\/(?!\/)/);
    }
    expect(doc.querySelector('style, [style]')).toBeNull();
    for (const element of elements) {
      for (const attribute of Array.from(element.attributes)) expect(attribute.name.startsWith('on'), `${attribute.name} on <${element.localName}>`).toBe(false);
    }
    // Only microdata's schema.org vocabulary links are absolute; every resource is the store's own.
    for (const element of Array.from(doc.querySelectorAll('[src], [href]'))) {
      if (element.hasAttribute('itemprop')) continue;
      expect(element.getAttribute('src') ?? element.getAttribute('href')).toMatch(/^(\/(?!\/)|#)/);
    }
    expect(html).toContain(STYLESHEET);
  });

  it('loads only page scripts and images that exist', () => {
    const files = [
      ...Array.from(doc.querySelectorAll('script[type="module"]'), (script) => script.getAttribute('src')!),
      ...Array.from(doc.querySelectorAll('img, link[rel="icon"]'), (element) => element.getAttribute('src') ?? element.getAttribute('href')!),
      ...Array.from(html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g), (match) => match[1]!),
    ];
    for (const file of files) expect(existsSync(join(REPO_ROOT, file)), file).toBe(true);
  });

  it('has the shared layout: language, skip link, header with the main nav, one main, footer', () => {
    expect(doc.documentElement.lang).toBe('en');
    expect(doc.title).not.toBe('');
    expect(doc.querySelector('meta[name="viewport"]')).not.toBeNull();
    const skip = doc.body.firstElementChild!;
    expect([skip.localName, skip.getAttribute('href'), skip.textContent]).toEqual(['a', '#main', 'Skip to content']);
    expect(doc.querySelectorAll('main')).toHaveLength(1);
    expect(doc.querySelector('main')!.id).toBe('main');
    expect(doc.querySelectorAll('body > header, body > footer')).toHaveLength(2);
    const nav = doc.querySelector('header nav[aria-label="Main"]')!;
    expect(Array.from(nav.querySelectorAll('a'), (link) => [link.getAttribute('href'), link.textContent])).toEqual(NAV);
    expect(nav.querySelectorAll('[aria-current="page"]')).toHaveLength(1);
    expect(doc.querySelectorAll('h1')).toHaveLength(1);
  });

  it('gives every image a text alternative and its size, so nothing shifts as it loads', () => {
    for (const image of Array.from(doc.querySelectorAll('img'))) {
      expect(image.hasAttribute('alt')).toBe(true);
      expect(Number(image.getAttribute('width'))).toBeGreaterThan(0);
      expect(Number(image.getAttribute('height'))).toBeGreaterThan(0);
    }
  });
});

describe.each(STORE_PAGES)('store page %s', (path) => {
  it('carries the Regulars snippet exactly as a merchant pastes it, once, in the head', () => {
    const html = source(path);
    expect(html.split(SNIPPET)).toHaveLength(2);
    expect(html.indexOf(SNIPPET)).toBeLessThan(html.indexOf('</head>'));
    expect(parse(html).querySelectorAll('script[src="/dist/regulars.js"]')).toHaveLength(1);
  });
});

describe.each(TOOL_PAGES)('demo tool page %s', (path) => {
  it('does not load the bundle, so it adds no events of its own', () => {
    expect(source(path)).not.toContain('/dist/regulars.js');
  });
});

describe('the events page', () => {
  const doc = parse(source('/demo/events.html'));

  it('has a captioned table, a polite status, a reset button and an empty state', () => {
    const table = doc.querySelector('table')!;
    expect(table.querySelector('caption')!.textContent).not.toBe('');
    expect(Array.from(table.querySelectorAll('thead th'), (cell) => [cell.textContent, cell.getAttribute('scope')])).toEqual([
      ['Time', 'col'],
      ['Request', 'col'],
      ['Details', 'col'],
    ]);
    expect(table.querySelector('tbody#events-rows')).not.toBeNull();
    expect(doc.getElementById('events-status')!.getAttribute('role')).toBe('status');
    expect(doc.getElementById('events-reset')!.textContent).toBe('Reset demo data');
    expect(doc.getElementById('events-empty')!.textContent).toContain('No requests yet');
    expect(doc.querySelector('script[type="module"]')!.getAttribute('src')).toBe('/demo/assets/events.ts');
  });
});

describe('the agent inbox page', () => {
  it('gives the inbox script a labelled region to mount in and shows no made-up conversations', () => {
    const doc = parse(source('/demo/inbox.html'));
    const root = doc.getElementById('inbox-root')!;
    expect(root.getAttribute('aria-labelledby')).toBe('inbox-heading');
    expect(root.querySelectorAll('li, article, [data-conversation]')).toHaveLength(0);
  });
});
