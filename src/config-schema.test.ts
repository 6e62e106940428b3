import { describe, expect, it } from 'vitest';
import {
  resolveConfig,
  THEME_TOKENS,
  TRIGGER_RULE_NAMES,
  validateConfig,
  VERSION,
  WIDGET_NAMES,
  WIDGET_RULES,
} from './config-schema';
import { parseTriggerRules } from './core/triggers';
import { WIDGETS } from './widgets/host/registry';

const PAGE = 'https://shop.example/products/a';
const ENDPOINT = 'https://shop.example/regulars';

describe('validateConfig', () => {
  it('accepts a full, correct config without a warning', () => {
    const { problems, config } = validateConfig(
      {
        endpoint: ENDPOINT,
        widgets: ['recently-viewed', 'account-prompt', 'chat', 'loyalty-wheel'],
        locale: 'sv',
        theme: { accent: '#8a3b52', radius: '4px' },
        chat: { position: 'left', color: '#24405f' },
        accountPrompt: { trigger: { productViews: 2, exitIntent: true }, teaser: false },
        loyaltyWheel: { trigger: { seconds: 30 }, applyUrl: '/discount/{code}' },
        recentlyViewed: { max: 8 },
        strings: { 'chat.title': 'Fråga oss' },
      },
      PAGE,
    );
    expect(problems).toEqual([]);
    expect(config.locale).toBe('sv');
  });

  it('reports what the loader, the widget host and each widget would warn about, in the order they run', () => {
    const { problems } = validateConfig(
      {
        endpoint: ENDPOINT,
        widgets: 'chat,loyalty-wheel,popup',
        theme: { accent: 'red; background: url(x)' },
        chat: { position: 'top', color: 'red; x' },
        loyaltyWheel: { trigger: { pages: -1 }, applyUrl: 'javascript:alert(1)' },
        extra: true,
      } as never,
      PAGE,
    );
    expect(problems.map((problem) => problem.field)).toEqual([
      'widgets',
      'extra',
      'theme.accent',
      'chat.position',
      'chat.color',
      'loyaltyWheel.trigger.pages',
      'loyaltyWheel.applyUrl',
    ]);
    expect(problems.find((problem) => problem.field === 'chat.color')).toEqual({
      field: 'chat.color',
      problem: '"red; x" is not a CSS colour',
      fix: 'Use a colour such as #0b6e4f or rgb(11 110 79); the theme accent is used meanwhile',
    });
  });

  it('checks nothing more of a widget that needs the missing endpoint, as the bundle skips it before reading its options', () => {
    const { problems } = validateConfig(
      {
        widgets: 'recently-viewed,chat,loyalty-wheel',
        chat: { color: 'bright mauve' },
        loyaltyWheel: { trigger: { pages: -1 } },
        recentlyViewed: { max: 'many' },
      } as never,
      PAGE,
    );
    expect(problems.map((problem) => [problem.field, problem.problem])).toEqual([
      ['recentlyViewed.max', expect.any(String)],
      ['endpoint', 'is needed by the chat widget'],
      ['endpoint', 'is needed by the loyalty-wheel widget'],
    ]);
  });

  it('checks only the sections of enabled widgets, as the bundle never loads the others', () => {
    // @ts-expect-error a wrong chat option, which only the chat widget would report
    expect(validateConfig({ endpoint: ENDPOINT, widgets: ['recently-viewed'], chat: { position: 'top' } }, PAGE).problems).toEqual([]);
  });

  it('reports a repeated problem once, as the bundle logs it once', () => {
    expect(validateConfig({ endpoint: ENDPOINT, widgets: 'popup,chat,popup' }, PAGE).problems).toEqual([
      { field: 'widgets', problem: '"popup" is not a Regulars widget', fix: 'Use any of recently-viewed, account-prompt, chat, loyalty-wheel; the others still load' },
    ]);
  });

  it('collects instead of logging', () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      validateConfig({ widgets: 'nope' }, PAGE);
    } finally {
      console.warn = original;
    }
    expect(warnings).toEqual([]);
  });
});

describe('the option lists', () => {
  it('has a version', () => {
    expect(VERSION).toBe('test');
  });

  it('describes each widget as the widget host registers it', () => {
    expect(Object.keys(WIDGET_RULES)).toEqual([...WIDGET_NAMES]);
    for (const name of WIDGET_NAMES) {
      const { load: _load, ...descriptor } = WIDGETS[name];
      expect(descriptor, name).toEqual(WIDGET_RULES[name]);
    }
  });

  it('lists exactly the theme tokens the bundle accepts', () => {
    const warnings: string[] = [];
    const theme = Object.fromEntries(THEME_TOKENS.map((token) => [token, '1px']));
    resolveConfig({ theme: { ...theme, shadow: '1px' } as never }, PAGE, 'en', (field) => warnings.push(field));
    expect(warnings).toEqual(['theme.shadow']);
  });

  it('lists exactly the trigger rules the bundle accepts', () => {
    const warnings: string[] = [];
    const rules = Object.fromEntries(TRIGGER_RULE_NAMES.map((rule) => [rule, rule === 'exitIntent' || rule === 'firstPage' ? true : 1]));
    parseTriggerRules({ ...rules, hover: 1 }, {}, 'x.trigger', (field) => warnings.push(field));
    expect(warnings).toEqual(['x.trigger.hover']);
  });

});
