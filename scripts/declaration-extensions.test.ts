import { describe, expect, it } from 'vitest';
import { withJsExtensions } from './declaration-extensions';

describe('withJsExtensions', () => {
  it('adds .js to relative imports and exports, once, and leaves package imports alone', () => {
    const source = [
      "import type { CodedReport } from './core/messages';",
      "export type { Theme } from './types';",
      "export type * from './types/types';",
      "import './types/global';",
      "import type { Store } from '../store.js';",
      "import type { VNode } from 'preact';",
    ].join('\n');
    expect(withJsExtensions(source)).toBe(
      [
        "import type { CodedReport } from './core/messages.js';",
        "export type { Theme } from './types.js';",
        "export type * from './types/types.js';",
        "import './types/global.js';",
        "import type { Store } from '../store.js';",
        "import type { VNode } from 'preact';",
      ].join('\n'),
    );
  });
});
