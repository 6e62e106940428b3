import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ENDPOINT, PREVIEW_STORAGE_KEY, previewConfig, readPreviewConfig, startPreview, storePreviewConfig } from './configurator-preview';

afterEach(() => sessionStorage.clear());

describe('previewConfig', () => {
  it('talks to the demo endpoint and keeps the rest of the merchant config', () => {
    const config = { endpoint: 'https://shop.example/regulars', widgets: ['chat' as const], theme: { accent: '#8a3b52' }, chat: { position: 'left' as const } };
    expect(previewConfig(config)).toEqual({ ...config, endpoint: DEMO_ENDPOINT });
  });

  it('holds back the trigger-opened widgets that are on, keeping their other options', () => {
    const preview = previewConfig({
      widgets: ['account-prompt', 'loyalty-wheel'],
      accountPrompt: { trigger: { seconds: 1 }, teaser: false },
    }) as Record<string, { trigger: Record<string, number>; teaser?: boolean }>;
    expect(preview.accountPrompt!.teaser).toBe(false);
    for (const section of ['accountPrompt', 'loyaltyWheel']) {
      expect(preview[section]!.trigger.seconds).toBeUndefined();
      expect(preview[section]!.trigger.productViews).toBeGreaterThan(1e6);
      expect(preview[section]!.trigger.pages).toBeGreaterThan(1e6);
    }
  });

  it('acts as if the shopper consented, since the preview page has no consent banner', () => {
    const config = { widgets: ['chat' as const], consent: 'required' as const };
    expect(previewConfig(config)).toEqual({ widgets: ['chat'], endpoint: DEMO_ENDPOINT });
    expect(config.consent).toBe('required');
  });

  it('adds no section for a widget that is off', () => {
    expect(previewConfig({ widgets: ['chat'] })).toEqual({ widgets: ['chat'], endpoint: DEMO_ENDPOINT });
  });
});

describe('readPreviewConfig', () => {
  it('returns the stored config only on a ?preview visit', () => {
    expect(storePreviewConfig(sessionStorage, { widgets: ['chat'] })).toBe(true);
    expect(readPreviewConfig('?preview', sessionStorage)).toEqual({ widgets: ['chat'] });
    expect(readPreviewConfig('', sessionStorage)).toBeNull();
    expect(readPreviewConfig('?utm_source=preview', sessionStorage)).toBeNull();
  });

  it('returns null without a stored config or with a broken one', () => {
    expect(readPreviewConfig('?preview', sessionStorage)).toBeNull();
    sessionStorage.setItem(PREVIEW_STORAGE_KEY, '{broken');
    expect(readPreviewConfig('?preview', sessionStorage)).toBeNull();
    sessionStorage.setItem(PREVIEW_STORAGE_KEY, '[1]');
    expect(readPreviewConfig('?preview', sessionStorage)).toBeNull();
  });
});

describe('startPreview', () => {
  const config = { widgets: ['chat' as const] };

  it('queues an init for the loader when it has not run yet', () => {
    const target: Parameters<typeof startPreview>[0] = {};
    startPreview(target, config);
    expect(target.regulars!.q).toEqual([['init', config]]);
    target.regulars!('open', 'chat');
    expect(target.regulars!.q).toEqual([['init', config], ['open', 'chat']]);
  });

  it('adds to a stub the page already has', () => {
    const q: unknown[][] = [['track', 'x']];
    const stub = Object.assign(() => undefined, { q });
    const target = { regulars: stub };
    startPreview(target, config);
    expect(target.regulars).toBe(stub);
    expect(q).toEqual([['track', 'x'], ['init', config]]);
  });

  it('restarts a running bundle with the config', () => {
    const calls: unknown[][] = [];
    const running = Object.assign((...args: unknown[]) => void calls.push(args), { version: '0.1.0' });
    startPreview({ regulars: running }, config);
    expect(calls).toEqual([['destroy'], ['init', config]]);
  });
});
