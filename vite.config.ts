import { defineConfig } from 'vitest/config';

/** Vite builds the bundle (see scripts/build.ts); Vitest runs unit tests in happy-dom and e2e tests in real Chromium. */
export default defineConfig({
  define: { __REGULARS_VERSION__: JSON.stringify('test') },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['src/**/*.test.{ts,tsx}', 'demo/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'bench/**/*.test.ts', 'test/types/**/*.test.ts'],
          setupFiles: ['test/setup-unit.ts'],
          // Generous for busy CI machines (the database-backed endpoint tests start PGlite); no test relies on timing out.
          testTimeout: 15_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/**/*.e2e.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
