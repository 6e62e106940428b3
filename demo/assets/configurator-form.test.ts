import { describe, expect, it } from 'vitest';
import * as schema from '../../src/config-schema';
import { configFromForm, fieldForProblem, formProblems, numberOrText, type FormValues } from './configurator-form';

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

/** A text override row as the page reads it. */
const row = (key: string, text: string, number: number) => ({ key, text, number, keyField: `Text ${number} to replace`, textField: `Your text ${number}` });

/** A count with hundreds of digits: Number() makes it Infinity. */
const HUGE = '9'.repeat(400);

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
      strings: [row('chat.title', ' Ask us ', 1), row('', 'no key', 2), row('loyaltyWheel.spin', '  ', 3)],
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

describe('formProblems', () => {
  it('finds nothing in a blank form or a well-filled one', () => {
    expect(formProblems(blank(), schema)).toEqual([]);
    expect(formProblems({ ...blank(), triggers: { accountPrompt: { pages: '2', exitIntent: true } }, strings: [row('chat.title', 'Ask us', 1), row('', '', 2)] }, schema)).toEqual([]);
  });

  it('names a count too large to be a number, which the config leaves out instead of writing null', () => {
    const values: FormValues = { ...blank(), triggers: { accountPrompt: { pages: ` ${HUGE} ` } } };
    expect(formProblems(values, schema)).toEqual([{ field: 'accountPrompt.trigger.pages', problem: 'is too large a number (400 digits)', fix: 'Give a smaller count, or remove the rule' }]);
    expect(configFromForm(values, schema).accountPrompt).toBeUndefined();
    expect(formProblems({ ...values, widgets: ['chat'] }, schema)).toEqual([]);
  });

  it('names a text typed before its row says which text it replaces, on that row', () => {
    expect(formProblems({ ...blank(), strings: [row('', ' Ask us ', 2)] }, schema)).toEqual([
      { field: 'Text 2 to replace', problem: 'is not chosen, so "Ask us" replaces nothing', fix: 'Choose the text it replaces, or remove the row' },
    ]);
  });

  it('names a text of only spaces, on its row', () => {
    expect(formProblems({ ...blank(), strings: [row('chat.title', '   ', 1)] }, schema)).toEqual([
      { field: 'Your text 1', problem: 'is only spaces, so the widget keeps its own text', fix: 'Type the text to show, or remove the row' },
    ]);
  });

  it('names a text chosen in more than one row on each row whose text is not used, naming the row whose text is', () => {
    const values: FormValues = { ...blank(), strings: [row('chat.title', 'Ask us', 1), row('chat.send', 'Go', 2), row('chat.title', 'Talk to us', 3)] };
    expect(formProblems(values, schema)).toEqual([
      { field: 'Text 1 to replace', problem: 'is also chosen in Text 3, whose text is used instead', fix: 'Keep one row for this text and remove the others' },
    ]);
    expect(configFromForm(values, schema).strings).toEqual({ 'chat.title': 'Talk to us', 'chat.send': 'Go' });
  });

  it('says the earlier row is used when a later row of the same text is empty or only spaces', () => {
    for (const later of ['', '   ']) {
      const values: FormValues = { ...blank(), strings: [row('chat.title', 'First', 1), row('chat.title', later, 2)] };
      expect(configFromForm(values, schema).strings).toEqual({ 'chat.title': 'First' });
      expect(formProblems(values, schema)).toEqual([
        { field: 'Text 2 to replace', problem: 'is also chosen in Text 1, whose text is used instead', fix: 'Keep one row for this text and remove the others' },
      ]);
    }
  });

  it('names no duplicate while no row of the text has one, as the widget keeps its own', () => {
    const values: FormValues = { ...blank(), strings: [row('chat.title', '', 4), row('chat.title', '  ', 7)] };
    expect(formProblems(values, schema)).toEqual([{ field: 'Your text 7', problem: 'is only spaces, so the widget keeps its own text', fix: 'Type the text to show, or remove the row' }]);
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
