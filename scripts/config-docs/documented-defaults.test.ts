// @vitest-environment node
/**
 * The `@default` tags and language list in src/types.ts are written by hand, so the generated
 * reference could still state an old default: these checks hold them to the values the code uses.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME } from '../../src/core/mount';
import { LOCALES } from '../../src/widgets/host/config';
import { WIDGET_RULES } from '../../src/widgets/host/widget-rules';
import { DEFAULT_OPTIONS } from '../../src/widgets/recently-viewed/options';
import { readConfigTypes } from './read-types';
import { readConfigSources } from './sources';

const sources = readConfigSources(fileURLToPath(new URL('../..', import.meta.url)));
const types = readConfigTypes(sources.types);

/** A field's JSDoc, by `Interface.field`. */
function field(path: string) {
  const [interfaceName, fieldName] = path.split('.');
  const found = types.interfaces.get(interfaceName)?.fields.find((candidate) => candidate.name === fieldName);
  if (!found) throw new Error(`src/types.ts has no ${path}`);
  return found;
}

/** A field's `@default` written as one code span, read as the value it shows. */
function documentedDefault(path: string): unknown {
  const text = /^`(.*)`$/.exec(field(path).tags.default ?? '')?.[1];
  if (text === undefined) throw new Error(`${path} has no @default written as one code span`);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

describe('the documented defaults', () => {
  it('are the theme every widget host gets', () => {
    for (const [token, value] of Object.entries(DEFAULT_THEME)) expect(documentedDefault(`Theme.${token}`), `Theme.${token}`).toBe(value);
  });

  it('are the recently-viewed strip options', () => {
    expect(documentedDefault('RecentlyViewedConfig.max')).toBe(DEFAULT_OPTIONS.max);
    expect(documentedDefault('RecentlyViewedConfig.cues')).toBe(DEFAULT_OPTIONS.cues);
  });

  it('are the trigger rules of the modal widgets', () => {
    expect(documentedDefault('AccountPromptConfig.trigger')).toEqual(WIDGET_RULES['account-prompt'].trigger);
    expect(documentedDefault('LoyaltyWheelConfig.trigger')).toEqual(WIDGET_RULES['loyalty-wheel'].trigger);
    for (const widget of ['account-prompt', 'loyalty-wheel'] as const) {
      expect(WIDGET_RULES[widget].trigger?.dismissDays).toBe(documentedDefault('TriggerConfig.dismissDays'));
      expect(WIDGET_RULES[widget].trigger?.firstPage).toBe(documentedDefault('TriggerConfig.firstPage'));
    }
  });
});

describe('the documented languages', () => {
  it('are the locales the widget host accepts, each with a pack for every widget', () => {
    for (const widget of types.widgetNames) {
      const languages = sources.localePacks.filter((pack) => pack.widget === widget).map((pack) => pack.language);
      expect(languages.sort(), widget).toEqual([...LOCALES].sort());
    }
    for (const locale of LOCALES) expect(field('RegularsConfig.locale').summary).toContain(`\`${locale}\``);
  });
});
