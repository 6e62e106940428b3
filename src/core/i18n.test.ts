import { describe, expect, it } from 'vitest';
import { createTranslator, loadTranslator } from './i18n';

const en = { title: 'Recently viewed', items: 'items', 'items.one': '{count} item', 'items.other': '{count} items', price: 'Price' };

describe('loadTranslator', () => {
  const packs = { './locales/sv.ts': async () => ({ default: { ...en, title: 'Nyligen visade', 'items.one': '{count} produkt', 'items.other': '{count} produkter' } }) };

  it('picks the pack by base language, overrides by prefixed key, and falls back to English per key', async () => {
    const t = await loadTranslator({ locale: 'sv-SE', strings: { 'recentlyViewed.price': 'Pris' } }, en, packs, 'recentlyViewed');
    expect(t.t('title')).toBe('Nyligen visade');
    expect(t.t('price')).toBe('Pris');
    expect(t.t('items', { count: 1 })).toBe('1 produkt');
    expect(t.t('items', { count: 3 })).toBe('3 produkter');
    expect(t.price(1299.5, 'SEK')).toMatch(/1\s?299,50\s?kr/);
  });

  it('uses English when no pack ships for the language or its chunk fails to load', async () => {
    expect((await loadTranslator({ locale: 'fr', strings: {} }, en, packs, 'x')).t('title')).toBe('Recently viewed');
    const broken = { './locales/da.ts': () => Promise.reject(new Error('chunk missing')) };
    expect((await loadTranslator({ locale: 'da', strings: {} }, en, broken, 'x')).t('title')).toBe('Recently viewed');
  });
});

describe('createTranslator', () => {
  it('formats prices with Intl for the locale and survives an invalid currency', () => {
    const t = createTranslator('nl-NL', en, en, {}, 'x');
    expect(t.price(19.99, 'EUR')).toMatch(/€\s?19,99/);
    expect(t.price(5, 'not-a-currency')).toBe('5.00 not-a-currency');
  });

  it('leaves unknown placeholders visible rather than inventing text', () => {
    const t = createTranslator('en', { greeting: 'Hi {name}, {missing}' }, en, {}, 'x');
    expect(t.t('greeting', { name: 'Ana' })).toBe('Hi Ana, {missing}');
  });
});
