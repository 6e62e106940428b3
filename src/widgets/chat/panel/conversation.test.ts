import { describe, expect, it } from 'vitest';
import { applyPoll, emptyConversation, mergeMessages, readMessagesAnswer, readSendAnswer, readStatusAnswer, readStoredConversation } from './conversation';

describe('chat answers', () => {
  it('keeps the well-formed messages of a poll answer and drops the rest', () => {
    const answer = readMessagesAnswer({
      messages: [
        { id: 'a', from: 'agent', text: 'Hi', at: '2026-11-22T10:00:00.000Z' },
        { id: 'b', from: 'robot', text: 'x', at: '2026-11-22T10:00:00.000Z' },
        { id: 'c', from: 'agent', text: { html: '<b>x</b>' }, at: '2026-11-22T10:00:00.000Z' },
        { id: 'd', from: 'agent', text: 'x', at: 'yesterday' },
        'garbage',
      ],
      cursor: 7,
      online: true,
    });
    expect(answer).toEqual({ messages: [{ id: 'a', from: 'agent', text: 'Hi', at: Date.parse('2026-11-22T10:00:00.000Z') }], cursor: '7', online: true });
    expect(readMessagesAnswer({ messages: 'none' })).toBeNull();
    expect(readMessagesAnswer(null)).toBeNull();
  });

  it('validates the status and send answers', () => {
    expect(readStatusAnswer({ online: 'yes' })).toBeNull();
    expect(readStatusAnswer({ online: false, replyTime: -3, channels: [{ kind: 'link', url: 'javascript:x' }] })).toEqual({ online: false, replyTime: null, channels: [], stream: false });
    expect(readStatusAnswer({ online: true, replyTime: 1e9 })?.replyTime).toBeNull();
    expect(readStatusAnswer({ online: true, replyTime: 4.2 })?.replyTime).toBe(5);
    expect(readStatusAnswer({ online: true, stream: 'yes' })?.stream).toBe(false);
    expect(readStatusAnswer({ online: true, stream: true })?.stream).toBe(true);
    expect(readSendAnswer({ conversation: 'c1', message: { id: 'm1', at: '2026-11-22T10:00:00.000Z' } })).toMatchObject({ conversation: 'c1', id: 'm1' });
    expect(readSendAnswer({ conversation: 'c1', message: { id: 'm1' } })).toBeNull();
  });

  it('reads a damaged stored conversation as a valid one', () => {
    expect(readStoredConversation('x')).toEqual(emptyConversation());
    expect(readStoredConversation({ id: 5, cursor: {}, messages: [{ id: 'a' }], unread: -2 })).toEqual(emptyConversation());
  });
});

describe('chat merging', () => {
  it('counts only new messages from the shop as unread, and none while the panel is open', () => {
    const start = { ...emptyConversation(), id: 'c1', messages: [{ id: 's1', from: 'shopper' as const, text: 'Hi', at: 1, delivery: 'sent' as const }] };
    const answer = {
      messages: [
        { id: 's1', from: 'shopper' as const, text: 'Hi', at: 1 },
        { id: 'a1', from: 'agent' as const, text: 'Hello', at: 2 },
        { id: 'a2', from: 'agent' as const, text: 'How can I help?', at: 3 },
      ],
      cursor: '3',
      online: true,
    };
    const closed = applyPoll(start, answer, false);
    expect(closed.next.unread).toBe(2);
    expect(closed.fresh.map((message) => message.id)).toEqual(['a1', 'a2']);
    expect(closed.next.cursor).toBe('3');
    expect(applyPoll(closed.next, answer, false).next.unread).toBe(2);
    expect(applyPoll(start, answer, true).next.unread).toBe(0);
  });

  it('merges by id, oldest first, with the delivered copy winning', () => {
    const merged = mergeMessages(
      [{ id: 'x', from: 'shopper', text: 'Hi', at: 5, delivery: 'failed' }],
      [
        { id: 'y', from: 'agent', text: 'Yo', at: 3 },
        { id: 'x', from: 'shopper', text: 'Hi', at: 4, delivery: 'sent' },
      ],
    );
    expect(merged.map((message) => [message.id, message.delivery])).toEqual([
      ['y', undefined],
      ['x', 'sent'],
    ]);
  });
});
