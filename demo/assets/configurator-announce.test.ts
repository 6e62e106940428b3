import { describe, expect, it } from 'vitest';
import { announcement, spokenProblem } from './configurator-announce';

const COLOUR = { field: 'chat.color', problem: '"mauve" is not a CSS colour', fix: 'Use a colour such as #0b6e4f' };
const SECOND = { field: 'chat.color', problem: 'second', fix: 'Fix' };
const EMPTY = { field: 'Text 1 to replace', problem: 'is not chosen, so "Hi" replaces nothing', fix: 'Choose the text it replaces, or remove the row' };
const TWICE = { field: 'Text 2 to replace', problem: 'is also chosen in Text 1, whose text is used instead', fix: 'Keep one row for this text and remove the others' };
const LABELS: Record<string, string> = { 'chat.color': 'Launcher colour', endpoint: 'Your endpoint URL', chat: 'Chat' };
const label = (field: string) => LABELS[field] ?? field;

describe('spokenProblem', () => {
  it('says the label instead of the field, and keeps a part of the field the label does not name', () => {
    expect(spokenProblem('Launcher colour', 'chat.color', COLOUR)).toBe('Launcher colour: "mauve" is not a CSS colour. Use a colour such as #0b6e4f');
    expect(spokenProblem('Chat', 'chat', { field: 'chat.channels', problem: 'must be a list', fix: 'Give a list' })).toBe('Chat, chat.channels: must be a list. Give a list');
  });
});

describe('announcement', () => {
  it('says each problem of the changed field under its label, one line each, even when it had them before', () => {
    const now = new Map([['chat.color', [COLOUR, SECOND]]]);
    const lines = ['Launcher colour: "mauve" is not a CSS colour. Use a colour such as #0b6e4f', 'Launcher colour: second. Fix'];
    expect(announcement(['chat.color'], new Map(), now, label)).toEqual(lines);
    expect(announcement(['chat.color'], now, now, label)).toEqual(lines);
  });

  it('says a field that had problems is fine now, by its label, and nothing for one that never had any', () => {
    const before = new Map([['chat.color', [COLOUR]]]);
    expect(announcement(['chat.color'], before, new Map([['chat.color', []]]), label)).toEqual(['Launcher colour: fine now.']);
    expect(announcement(['endpoint'], new Map(), new Map(), label)).toEqual([]);
  });

  it('covers every field of the change and no other', () => {
    const now = new Map([['Text 1 to replace', [EMPTY]], ['endpoint', [{ field: 'endpoint', problem: 'is needed', fix: 'Set it' }]]]);
    const before = new Map([['Your text 1', [{ field: 'Your text 1', problem: 'is only spaces', fix: 'Type it' }]]]);
    expect(announcement(['Text 1 to replace', 'Your text 1'], before, now, label)).toEqual([
      'Text 1 to replace: is not chosen, so "Hi" replaces nothing. Choose the text it replaces, or remove the row',
      'Your text 1: fine now.',
    ]);
  });

  it('says a related field only when its problems changed', () => {
    const twice = new Map([['Text 2 to replace', [TWICE]]]);
    expect(announcement(['Text 1 to replace'], twice, new Map(), label, ['Text 1 to replace', 'Text 2 to replace'])).toEqual(['Text 2 to replace: fine now.']);
    expect(announcement(['Text 1 to replace'], new Map(), twice, label, ['Text 2 to replace'])).toEqual([`Text 2 to replace: ${TWICE.problem}. ${TWICE.fix}`]);
    expect(announcement(['Text 1 to replace'], twice, twice, label, ['Text 2 to replace'])).toEqual([]);
  });
});
