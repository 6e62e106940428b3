import { describe, expect, it } from 'vitest';
import da from './da';
import en from './en';
import nl from './nl';
import sl from './sl';
import sv from './sv';
import th from './th';

const PACKS = { sv, sl, th, nl, da };
const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();

describe('account prompt locale packs', () => {
  for (const [language, pack] of Object.entries(PACKS)) {
    it(`${language} translates every English key and keeps its placeholders`, () => {
      expect(Object.keys(pack).sort()).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        expect(pack[key].trim(), `${language}.${key}`).not.toBe('');
        expect(pack[key], `${language}.${key} is still English`).not.toBe(en[key]);
        expect(placeholders(pack[key]), `${language}.${key}`).toEqual(placeholders(en[key]));
      }
    });
  }
});
