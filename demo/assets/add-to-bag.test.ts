import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../catalog';
import './add-to-bag';

// Node's path helpers, because the test environment's URL is the DOM's, not Node's file URL.
const REPO_ROOT = join(fileURLToPath(import.meta.url), '../../..');
// happy-dom cannot load stylesheets and says so on every parse; these tests need none.
const withoutStylesheet = (html: string) => html.replace(/<link rel="stylesheet"[^>]*>/, '');

const pageBody = (path: string) =>
  new DOMParser().parseFromString(withoutStylesheet(readFileSync(join(REPO_ROOT, path), 'utf8')), 'text/html').body;
const linen = DEMO_PRODUCTS.find((product) => product.id === 'rg-1001')!;
const weekender = DEMO_PRODUCTS.find((product) => product.id === 'rg-1003')!;

let tracked: unknown[][];

beforeEach(() => {
  tracked = [];
  window.regulars = ((...args: unknown[]) => void tracked.push(args)) as unknown as typeof window.regulars;
});

afterEach(() => {
  delete window.regulars;
  document.body.replaceChildren();
});

describe('the add-to-bag button', () => {
  it('confirms in its status line and tells Regulars, and nothing else', () => {
    document.body.replaceChildren(...Array.from(pageBody(linen.path).childNodes));
    const button = document.querySelector<HTMLButtonElement>('[data-demo-add-to-bag]')!;
    const status = document.querySelector('.buy__status')!;
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe('');

    button.click();
    expect(status.textContent).toBe('Added 1 × Linen Overshirt (size M) to your bag, 1 in total. This is a demo store: nothing is charged.');
    expect(tracked).toEqual([['track', 'added_to_bag', { name: 'Linen Overshirt', quantity: 1, size: 'M' }]]);

    document.querySelector<HTMLInputElement>('input[name="size"][value="L"]')!.click();
    document.querySelector<HTMLSelectElement>('select[name="quantity"]')!.value = '2';
    button.click();
    expect(status.textContent).toBe('Added 2 × Linen Overshirt (size L) to your bag, 3 in total. This is a demo store: nothing is charged.');
    expect(tracked[1]).toEqual(['track', 'added_to_bag', { name: 'Linen Overshirt', quantity: 2, size: 'L' }]);
  });

  it('works without the Regulars bundle', () => {
    delete window.regulars;
    document.body.replaceChildren(...Array.from(pageBody(linen.path).childNodes));
    document.querySelector<HTMLButtonElement>('[data-demo-add-to-bag]')!.click();
    expect(document.querySelector('.buy__status')!.textContent).toMatch(/^Added 1 × Linen Overshirt/);
  });

  it('offers no add-to-bag on a sold-out product', () => {
    document.body.replaceChildren(...Array.from(pageBody(weekender.path).childNodes));
    expect(document.querySelector('[data-demo-add-to-bag]')).toBeNull();
    const button = document.querySelector<HTMLButtonElement>('.buy button')!;
    expect([button.disabled, button.textContent]).toEqual([true, 'Sold out']);
  });
});
