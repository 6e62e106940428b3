import { describe, expect, it } from 'vitest';
import { readJsonConfig, readScriptConfig } from '../../core/config';
import { resolveConfig } from './config';

function resolve(input: Record<string, unknown>, language = 'en') {
  const warnings: string[] = [];
  const config = resolveConfig(input, 'https://shop.example/products/a', language, (field, problem, fix) => warnings.push(`${field}: ${problem}. ${fix}`));
  return { config, warnings };
}

describe('resolveConfig', () => {
  it('accepts a complete, valid config without a warning', () => {
    const { config, warnings } = resolve({
      endpoint: 'https://shop.example/regulars/',
      widgets: 'chat, recently-viewed',
      locale: 'sv-SE',
      currency: 'sek',
      consent: 'required',
      strings: { 'chat.title': 'Hej' },
      theme: { accent: '#0b6e4f', radius: '12px' },
      retentionDays: 14,
      chat: { position: 'left' },
    });
    expect(warnings).toEqual([]);
    expect(config).toMatchObject({
      endpoint: 'https://shop.example/regulars',
      widgets: ['chat', 'recently-viewed'],
      locale: 'sv-SE',
      currency: 'SEK',
      consent: 'required',
      strings: { 'chat.title': 'Hej' },
      theme: { accent: '#0b6e4f', radius: '12px' },
      retentionDays: 14,
      options: { chat: { position: 'left' } },
    });
  });

  it('resolves a relative endpoint against the page', () => {
    expect(resolve({ endpoint: '/regulars' }).config.endpoint).toBe('https://shop.example/regulars');
  });

  it.each(['javascript:alert(1)', 'ftp://shop.example/x', 'data:text/plain,hi'])('refuses the endpoint %s with one warning naming the field', (endpoint) => {
    const { config, warnings } = resolve({ endpoint });
    expect(config.endpoint).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^endpoint: .* is not an http\(s\) URL\. Set data-endpoint/);
  });

  it('skips an unknown widget and keeps the others', () => {
    const { config, warnings } = resolve({ widgets: 'chat,wishlist,loyalty-wheel' });
    expect(config.widgets).toEqual(['chat', 'loyalty-wheel']);
    expect(warnings).toEqual([expect.stringMatching(/^widgets: "wishlist" is not a Regulars widget/)]);
  });

  it('enables every widget when none are listed', () => {
    expect(resolve({}).config.widgets).toEqual(['recently-viewed', 'account-prompt', 'chat', 'loyalty-wheel']);
  });

  it('reports wrong types field by field and falls back to defaults', () => {
    const { config, warnings } = resolve({ retentionDays: '30', consent: 'maybe', theme: { accent: 'red;}body{display:none' }, strings: { 'chat.title': 5 }, currency: 'euro', chat: 'left' });
    expect(config.retentionDays).toBe(30);
    expect(config.consent).toBe('required');
    expect(config.theme).toEqual({});
    expect(config.strings).toEqual({});
    expect(config.currency).toBeNull();
    expect(config.options.chat).toBeUndefined();
    expect(warnings.map((warning) => warning.split(':')[0]).sort()).toEqual(['chat', 'consent', 'currency', 'retentionDays', 'strings.chat.title', 'theme.accent']);
  });

  it('names an unknown option', () => {
    expect(resolve({ endpont: 'https://x.example' }).warnings[0]).toMatch(/^endpont: is not a Regulars option/);
  });

  it('falls back to English for a language without a pack, warning only when the merchant asked for it', () => {
    expect(resolve({ locale: 'fr' })).toMatchObject({ config: { locale: 'en' }, warnings: [expect.stringMatching(/^locale: "fr" has no locale pack/)] });
    expect(resolve({}, 'fr-FR')).toMatchObject({ config: { locale: 'en' }, warnings: [] });
    expect(resolve({}, 'da-DK').config.locale).toBe('da-DK');
  });
});

describe('config sources', () => {
  it('reads the snippet attributes', () => {
    const script = document.createElement('script');
    script.dataset.endpoint = 'https://shop.example/regulars';
    script.dataset.widgets = 'chat';
    script.dataset.locale = 'nl';
    script.dataset.consent = 'required';
    expect(readScriptConfig(script)).toEqual({ endpoint: 'https://shop.example/regulars', widgets: 'chat', locale: 'nl', consent: 'required' });
  });

  it('reads the JSON block and reports a broken one', () => {
    const block = document.createElement('script');
    block.type = 'application/json';
    block.setAttribute('data-regulars-config', '');
    block.textContent = '{"theme":{"accent":"#123456"}}';
    document.body.append(block);
    expect(readJsonConfig(document)).toEqual({ theme: { accent: '#123456' } });
    block.textContent = '{ theme: ';
    const warnings: string[] = [];
    expect(readJsonConfig(document, (field) => warnings.push(field))).toEqual({});
    expect(warnings).toEqual(['data-regulars-config']);
    block.remove();
  });
});
