import { describe, expect, it } from 'vitest';
import da from './locales/da';
import en from './locales/en';
import nl from './locales/nl';
import sl from './locales/sl';
import sv from './locales/sv';
import th from './locales/th';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('loyalty wheel locale packs', () => {
  it.each(Object.entries({ sv, sl, th, nl, da }))('%s has every text, translated, with the same placeholders', (_, pack) => {
    expect(Object.keys(pack).sort()).toEqual(Object.keys(en).sort());
    let same = 0;
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(pack[key].trim(), key).not.toBe('');
      expect(placeholders(pack[key]), key).toEqual(placeholders(en[key]));
      if (pack[key] === en[key]) same += 1;
    }
    expect(same).toBe(0);
  });
});
