// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../demo/catalog';
import { pageVariant, removeSnippet, SPIN_WHEEL_LIBRARY_PATH, SPIN_WHEEL_PAGE_SCRIPT_PATH, withWidgets } from './pages';

const root = fileURLToPath(new URL('..', import.meta.url));
const page = readFileSync(join(root, DEMO_PRODUCTS[0]!.path), 'utf8');

describe('page variants of a real demo product page', () => {
  it('serves the page as it is "with" the snippet', () => {
    expect(pageVariant(page, 'with')).toBe(page);
  });

  it('removes the snippet and nothing else "without" it', () => {
    const without = pageVariant(page, 'without');
    expect(without).not.toContain('regulars.js');
    expect(without).toContain('data-regulars-slot="recently-viewed"');
    expect(without).toContain('/demo/assets/add-to-bag.ts');
    const snippet = page.match(/<script\b[^>]*regulars\.js[^>]*><\/script>\s*/)![0];
    expect(without).toBe(page.replace(snippet, ''));
  });

  it('keeps only the loyalty wheel in "wheel-only"', () => {
    const wheelOnly = pageVariant(page, 'wheel-only');
    expect(wheelOnly.match(/data-widgets="([^"]*)"/)?.[1]).toBe('loyalty-wheel');
    expect(wheelOnly.replace('data-widgets="loyalty-wheel"', '')).toBe(page.replace(/data-widgets="[^"]*"/, ''));
  });

  it('swaps the snippet for the comparison wheel in the head', () => {
    const spin = pageVariant(page, 'spin-wheel');
    expect(spin).not.toContain('regulars.js');
    const head = spin.slice(0, spin.indexOf('</head>'));
    expect(head).toContain(`<script defer src="${SPIN_WHEEL_LIBRARY_PATH}"></script>`);
    expect(head).toContain(`<script type="module" src="${SPIN_WHEEL_PAGE_SCRIPT_PATH}"></script>`);
  });

  it('refuses a page without the snippet, where a comparison would mean nothing', () => {
    const bare = removeSnippet(page);
    expect(() => removeSnippet(bare)).toThrow('no Regulars snippet');
    expect(() => withWidgets(bare, ['chat'])).toThrow('no Regulars snippet');
  });
});
