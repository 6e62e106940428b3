import { describe, expect, it } from 'vitest';
import { announcement } from './configurator-announce';

const COLOUR = 'chat.color: "mauve" is not a CSS colour. Use a colour such as #0b6e4f';
const EMPTY = 'Text 1 to replace: is not chosen, so "Hi" replaces nothing. Choose the text it replaces, or remove the row';

describe('announcement', () => {
  it('says each problem of the changed field, one line each, even when it had them before', () => {
    const now = new Map([['chat.color', [COLOUR, 'chat.color: second. Fix']]]);
    expect(announcement(['chat.color'], new Map(), now)).toEqual([COLOUR, 'chat.color: second. Fix']);
    expect(announcement(['chat.color'], now, now)).toEqual([COLOUR, 'chat.color: second. Fix']);
  });

  it('says a field that had problems is fine now, and nothing for one that never had any', () => {
    const before = new Map([['chat.color', [COLOUR]]]);
    expect(announcement(['chat.color'], before, new Map([['chat.color', []]]))).toEqual(['chat.color: fine now.']);
    expect(announcement(['endpoint'], new Map(), new Map())).toEqual([]);
  });

  it('covers every field of the change and no other', () => {
    const now = new Map([['Text 1 to replace', [EMPTY]], ['endpoint', ['endpoint: is needed. Set it']]]);
    const before = new Map([['strings.chat.title', ['strings.chat.title: is only spaces. Type it']]]);
    expect(announcement(['Text 1 to replace', 'strings.chat.title'], before, now)).toEqual([EMPTY, 'strings.chat.title: fine now.']);
  });
});
