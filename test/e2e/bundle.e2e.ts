import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weighBundle, type Manifest } from '../../bench/bundle';
import { EVERYTHING_BROTLI_LIMIT, LOADER_BROTLI_LIMIT, measureDirectory, type FileSize } from '../../scripts/sizes';
import { TSC } from '../../scripts/tsc';
import { baseUrl, launchBrowser, newShopper } from './harness';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));

describe('the built bundle', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(`keeps regulars.js within ${LOADER_BROTLI_LIMIT} bytes brotli`, () => {
    const loader = measureDirectory(dist).find((size) => size.file === 'regulars.js')!;
    console.log(`regulars.js: ${loader.raw} B raw, ${loader.gzip} B gzip, ${loader.brotli} B brotli`);
    expect(loader.brotli).toBeLessThanOrEqual(LOADER_BROTLI_LIMIT);
  });

  it(`keeps the loader and all four widgets within ${EVERYTHING_BROTLI_LIMIT} bytes brotli, every built file reachable`, () => {
    const manifest = JSON.parse(readFileSync(`${dist}/.vite/manifest.json`, 'utf8')) as Manifest;
    // sizes.json lists what a page loads (the build writes it before the ESM entry and the configurator's schema).
    const weight = weighBundle(JSON.parse(readFileSync(`${dist}/sizes.json`, 'utf8')) as FileSize[], manifest);
    console.log(`everything a page can load: ${weight.everything.brotli} B brotli in ${weight.everything.files.length} files`);
    expect(weight.everything.brotli).toBeLessThanOrEqual(EVERYTHING_BROTLI_LIMIT);
    expect(weight.unreachable).toEqual([]);
  });

  it('is a classic script that imports nothing statically and leaks no top-level name', () => {
    const code = readFileSync(`${dist}/regulars.js`, 'utf8');
    // One function expression called at once (terser writes `(function(){…})()` as `!function(){…}()`).
    expect(code).toMatch(/^(\(function\(\)\{|!function\(\)\{)[^]*\}(\)\(\)|\(\));?\s*$/);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/import\.meta/);
  });

  it('ships declarations that type the global for a merchant\'s TypeScript', () => {
    const project = fileURLToPath(new URL('../dist-types/tsconfig.json', import.meta.url));
    expect(() => execFileSync(process.execPath, [TSC, '-p', project], { stdio: 'pipe' })).not.toThrow();
  });

  it.each(['nodenext', 'server'])('ships package types that check in a %s project (Node\'s ESM resolution; the server one without the DOM lib), not as any', (project) => {
    const tsconfig = fileURLToPath(new URL(`../dist-types/${project}/tsconfig.json`, import.meta.url));
    expect(() => execFileSync(process.execPath, [TSC, '-p', tsconfig], { stdio: 'pipe' })).not.toThrow();
  });

  it('adds exactly one global, whose keys are pinned', async () => {
    const shopper = await newShopper(browser);
    await shopper.page.route(`${baseUrl}/test/blank.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><head><title>Blank</title></head><body></body></html>' }),
    );
    await shopper.page.goto(`${baseUrl}/test/blank.html`);
    const before = await shopper.page.evaluate(() => Object.keys(window));
    await shopper.page.evaluate(async () => {
      const script = document.createElement('script');
      script.src = '/dist/regulars.js';
      script.dataset.endpoint = '/regulars';
      script.dataset.widgets = '';
      const ready = new Promise((resolve) => addEventListener('regulars:ready', resolve));
      document.head.append(script);
      await ready;
    });
    // `__regularsReady` is the harness's own marker, set by its init script.
    const added = await shopper.page.evaluate((keys) => Object.keys(window).filter((key) => !keys.includes(key) && key !== '__regularsReady'), before);
    expect(added).toEqual(['regulars']);
    const surface = await shopper.page.evaluate(() => ({
      type: typeof window.regulars,
      keys: Object.keys(window.regulars!).sort(),
      version: window.regulars!.version,
    }));
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(surface).toEqual({ type: 'function', keys: ['version'], version });
    expect(shopper.problems).toEqual([]);
    await shopper.close();
  });
});
