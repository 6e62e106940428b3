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

/** One widget's locale pack modules by file path, as `import.meta.glob('./locales/*.ts')` gives them. */
export type PackModules<T extends LocalePack> = Record<string, () => Promise<{ default: T }>>;

/**
 * Loads the pack for the configured locale (by its base language; English, which ships inside the
 * widget, when none does or the chunk fails) and returns the widget's translator.
 */
export async function loadTranslator<T extends LocalePack>(
  config: { locale: string; strings: Record<string, string> },
  english: T,
  packs: PackModules<T>,
  prefix: string,
): Promise<Translator> {
  const base = config.locale.toLowerCase().split('-')[0];
  const loader = base === 'en' ? undefined : packs[`./locales/${base}.ts`];
  let pack: LocalePack = english;
  try {
    if (loader) pack = (await loader()).default;
  } catch {
    // A missing chunk (a partial deploy) costs the language, never the widget.
  }
  return createTranslator(config.locale, pack, english, config.strings, prefix);
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
