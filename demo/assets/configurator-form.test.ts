import { describe, expect, it } from 'vitest';
import * as schema from '../../src/config-schema';
import { configFromForm, fieldForProblem, numberOrText, type FormValues } from './configurator-form';

const PAGE = 'https://shop.example/products/a';

/** The form as the page opens: every widget ticked, nothing else set. */
const blank = (): FormValues => ({
  endpoint: '',
  widgets: ['recently-viewed', 'account-prompt', 'chat', 'loyalty-wheel'],
  locale: '',
  consent: 'granted',
  theme: { accent: '', accentText: '', text: '', surface: '', radius: '', font: '' },
  chatPosition: 'right',
  chatColor: '',
  triggers: { accountPrompt: { productViews: '', pages: '' }, loyaltyWheel: { seconds: '' } },
  strings: [],
});

describe('numberOrText', () => {
  it('reads numbers, leaves empty boxes out and keeps anything else as typed', () => {
    expect(numberOrText(' 3 ')).toBe(3);
    expect(numberOrText('2.5')).toBe(2.5);
    expect(numberOrText('-1')).toBe(-1);
    expect(numberOrText('')).toBeUndefined();
    expect(numberOrText('soon')).toBe('soon');
    expect(numberOrText('3 pages')).toBe('3 pages');
  });
});

describe('configFromForm', () => {
  it('writes only the widget list for an untouched form', () => {
    expect(configFromForm(blank(), schema)).toEqual({ widgets: ['recently-viewed', 'account-prompt', 'chat', 'loyalty-wheel'] });
  });

  it('lists the ticked widgets in the documented order', () => {
    const values = { ...blank(), widgets: ['loyalty-wheel', 'chat'] };
    expect(configFromForm(values, schema).widgets).toEqual(['chat', 'loyalty-wheel']);
  });

  it('maps every part of the form to its config field', () => {
    const values: FormValues = {
      ...blank(),
      endpoint: ' https://shop.example/regulars ',
      locale: 'sv',
      consent: 'required',
      theme: { ...blank().theme, accent: ' #8a3b52 ', font: 'Georgia, serif' },
      chatPosition: 'left',
      chatColor: '#24405f',
      triggers: { accountPrompt: { productViews: '2', exitIntent: true }, loyaltyWheel: { seconds: '30', firstPage: true } },
      strings: [{ key: 'chat.title', text: ' Ask us ' }, { key: '', text: 'no key' }, { key: 'loyaltyWheel.spin', text: '  ' }],
    };
    expect(configFromForm(values, schema)).toEqual({
      endpoint: 'https://shop.example/regulars',
      widgets: ['recently-viewed', 'account-prompt', 'chat', 'loyalty-wheel'],
      locale: 'sv',
      consent: 'required',
      theme: { accent: '#8a3b52', font: 'Georgia, serif' },
      chat: { position: 'left', color: '#24405f' },
      accountPrompt: { trigger: { productViews: 2, exitIntent: true } },
      loyaltyWheel: { trigger: { seconds: 30, firstPage: true } },
      strings: { 'chat.title': 'Ask us' },
    });
  });

  it('leaves out the sections of widgets that are off', () => {
    const values: FormValues = { ...blank(), widgets: ['recently-viewed'], chatColor: '#000000', chatPosition: 'left', triggers: { accountPrompt: { pages: '2' } } };
    expect(configFromForm(values, schema)).toEqual({ widgets: ['recently-viewed'] });
  });

  it('passes a non-number through, so the bundle names the field', () => {
    const values: FormValues = { ...blank(), endpoint: 'https://shop.example/regulars', triggers: { loyaltyWheel: { pages: 'soon' } } };
    const { problems } = schema.validateConfig(configFromForm(values, schema), PAGE);
    expect(problems).toEqual([{ field: 'loyaltyWheel.trigger.pages', problem: 'must be a number of 0 or more', fix: 'Give a count, or remove the rule' }]);
  });

  it('gives a config the bundle accepts without a warning for a well-filled form', () => {
    const values: FormValues = { ...blank(), endpoint: 'https://shop.example/regulars', locale: 'da', chatColor: 'rebeccapurple', triggers: { accountPrompt: { dismissDays: '14' } } };
    const check = schema.validateConfig(configFromForm(values, schema), PAGE);
    expect(check.problems).toEqual([]);
    expect(check.config.locale).toBe('da');
  });
});

describe('fieldForProblem', () => {
  const fields = new Set(['chat.color', 'theme', 'accountPrompt.trigger.pages', 'strings.chat.title']);
  const has = (field: string) => fields.has(field);

  it('finds the field itself, or the nearest enclosing one, or none', () => {
    expect(fieldForProblem('chat.color', has)).toBe('chat.color');
    expect(fieldForProblem('theme.shadow', has)).toBe('theme');
    expect(fieldForProblem('accountPrompt.trigger.pages', has)).toBe('accountPrompt.trigger.pages');
    expect(fieldForProblem('strings.chat.title', has)).toBe('strings.chat.title');
    expect(fieldForProblem('retentionDays', has)).toBeNull();
  });
});
