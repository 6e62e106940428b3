/** A locale pack: flat keys to texts with `{name}` placeholders; plural forms as `key.one`, `key.other`, ... */
export type LocalePack = Record<string, string>;

/** Turns keys into the shopper's language and formats prices and dates with Intl. */
export interface Translator {
  /** The BCP 47 tag used for Intl formatting. */
  locale: string;
  t(key: string, values?: Record<string, string | number>): string;
  price(amount: number, currency: string): string;
  date(value: number | Date, options?: Intl.DateTimeFormatOptions): string;
}

/** Loaders of one widget's locale packs by language. */
export type PackLoaders<T extends LocalePack> = Record<string, () => Promise<{ default: T }>>;

/** Loads the pack for `locale` (by its base language), or English when none ships. */
export async function loadPack<T extends LocalePack>(locale: string, english: T, loaders: PackLoaders<T>): Promise<T> {
  const base = locale.toLowerCase().split('-')[0];
  const loader = loaders[base];
  if (!loader || base === 'en') return english;
  try {
    return (await loader()).default;
  } catch {
    return english;
  }
}

/**
 * Creates a translator. Merchant overrides are keyed `<prefix>.<key>` (e.g. `chat.title`) and
 * win over the pack; a missing key falls back to English, never to the raw key.
 */
export function createTranslator(locale: string, pack: LocalePack, english: LocalePack, overrides: Record<string, string>, prefix: string): Translator {
  let plural: Intl.PluralRules | null = null;
  try {
    plural = new Intl.PluralRules(locale);
  } catch {
    plural = null;
  }
  const lookup = (key: string) => overrides[`${prefix}.${key}`] ?? pack[key] ?? english[key];
  return {
    locale,
    t(key, values) {
      let text: string | undefined;
      if (values && typeof values.count === 'number' && plural) {
        text = lookup(`${key}.${plural.select(values.count)}`) ?? lookup(`${key}.other`);
      }
      text ??= lookup(key) ?? '';
      return text.replace(/\{(\w+)\}/g, (whole, name: string) => (values && name in values ? String(values[name]) : whole));
    },
    price(amount, currency) {
      try {
        return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
      } catch {
        return `${amount.toFixed(2)} ${currency}`;
      }
    },
    date(value, options) {
      try {
        return new Intl.DateTimeFormat(locale, options ?? { dateStyle: 'medium' }).format(value);
      } catch {
        return new Date(value).toISOString().slice(0, 10);
      }
    },
  };
}
