import { retryAfterSecondsOf } from '@glint/domain-errors';
import { decide, refusalOf } from '@glint/testing';
import { approveChatMessage, chatMessageDecider, type ChatMessageCommand, type ChatMessageDraft, type DeleteChatMessage } from './chat-message-decider';
import type { ChatEvent } from './events';
import { containsLink } from './message-text';

const now = new Date('2026-11-24T12:00:00.000Z');
const channelId = 'owner-1';

const draft: ChatMessageDraft = {
  channelId,
  messageId: 'message-1',
  senderId: 'chatter-1',
  senderUsername: 'chatter',
  text: 'hello',
  now,
  sender: { userId: 'chatter-1', emailConfirmed: true, accountCreatedAt: new Date('2026-01-01T00:00:00.000Z'), staffRole: null, globallyBanned: false },
  channel: { channelId, ownerId: channelId, chatSettings: { blockLinks: true, requireConfirmedEmail: true, minimumAccountAgeHours: 24 } },
  standing: { banned: false, timedOutUntil: null },
};

/** What a refusal tells the sender: its code, the field it is about, and when to try again. */
function refusalSaid(work: () => unknown): { code: string; field?: string; retryAfterSeconds?: number } {
  const refusal = refusalOf(work);
  const retryAfterSeconds = retryAfterSecondsOf(refusal);
  return { code: refusal.code, ...(refusal.field ? { field: refusal.field } : {}), ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
}

const sent = (senderId = 'chatter-1'): ChatEvent => ({ type: 'ChatMessageSent', data: { channelId, messageId: 'message-1', senderId, senderUsername: 'chatter', text: 'pd1.sealed', containsLink: false } });

describe('sending a chat message', () => {
  it.each([
    ['plain text is kept as sent', 'hello', { text: 'hello', containsLink: false }],
    ['surrounding spaces are trimmed', '   hi there  ', { text: 'hi there', containsLink: false }],
    ['500 characters are allowed', 'x'.repeat(500), { text: 'x'.repeat(500), containsLink: false }],
    ['characters are counted, not UTF-16 units', '😀'.repeat(500), { text: '😀'.repeat(500), containsLink: false }],
    ['the owner may post a link where links are blocked, and it is marked', 'glint.tv/owner', { text: 'glint.tv/owner', containsLink: true }, { senderId: channelId, sender: { ...draft.sender, userId: channelId } }],
  ])('%s', (_, text, expected, overrides: Partial<ChatMessageDraft> = {}) => {
    const approved = approveChatMessage({ ...draft, ...overrides, text });
    expect(approved).toMatchObject(expected);
    expect(decide(chatMessageDecider, [], { type: 'SendChatMessage', approved, sealedText: 'pd1.sealed' })).toEqual<ChatEvent[]>([
      { type: 'ChatMessageSent', data: { channelId, messageId: 'message-1', senderId: approved.senderId, senderUsername: 'chatter', text: 'pd1.sealed', containsLink: expected.containsLink } },
    ]);
  });

  it.each<[string, Partial<ChatMessageDraft>, { code: string; field?: string; retryAfterSeconds?: number }]>([
    ['empty text', { text: '' }, { code: 'chat_message_empty', field: 'text' }],
    ['only spaces', { text: '   ' }, { code: 'chat_message_empty', field: 'text' }],
    ['501 characters', { text: 'x'.repeat(501) }, { code: 'chat_message_too_long', field: 'text' }],
    ['a line break', { text: 'two\nlines' }, { code: 'chat_message_control_character', field: 'text' }],
    ['a NUL character', { text: 'a\u0000b' }, { code: 'chat_message_control_character', field: 'text' }],
    ['a channel ban', { standing: { banned: true, timedOutUntil: null } }, { code: 'banned_from_chat' }],
    ['a timeout, with the seconds left', { standing: { banned: false, timedOutUntil: new Date(now.getTime() + 300_000) } }, { code: 'timed_out', retryAfterSeconds: 300 }],
    ['a global ban', { sender: { ...draft.sender, globallyBanned: true } }, { code: 'globally_banned' }],
    ['an unconfirmed e-mail', { sender: { ...draft.sender, emailConfirmed: false } }, { code: 'email_confirmation_required' }],
    ['a too-new account', { sender: { ...draft.sender, accountCreatedAt: now } }, { code: 'account_too_new', retryAfterSeconds: 24 * 3600 }],
    ['a link where links are blocked', { text: 'go to https://example.com now' }, { code: 'links_not_allowed' }],
  ])('refuses %s', (_, overrides, expected) => {
    expect(refusalSaid(() => approveChatMessage({ ...draft, ...overrides }))).toEqual(expected);
  });
});

describe('what counts as a link', () => {
  it.each([
    ['https://glint.tv', true],
    ['ftp://files.example.org/x', true],
    ['www.example.com', true],
    ['glint.tv/someone', true],
    ['join discord.gg', true],
    ['GLINT.TV', true],
    ['e.g. this', false],
    ['version 1.2.3', false],
    ['see you at 10.30', false],
    ['node.js is fun', false],
    ['plain words', false],
  ])('%s → %s', (text, expected) => {
    expect(containsLink(text)).toBe(expected);
  });
});

describe('deleting a chat message', () => {
  const byModerator: DeleteChatMessage = { type: 'DeleteChatMessage', channelId, messageId: 'message-1', moderatorId: 'moderator-1', moderatorStaffRole: null, channelOwnerId: channelId, mayDeleteAsModerator: true };
  const deleted = (moderatorId: string): ChatEvent => ({ type: 'ChatMessageDeleted', data: { channelId, messageId: 'message-1', senderId: 'chatter-1', moderatorId } });

  it.each<[string, ChatEvent[], ChatMessageCommand, ChatEvent[]]>([
    ['a moderator allowed to delete messages deletes it', [sent()], byModerator, [deleted('moderator-1')]],
    ['the owner deletes it', [sent()], { ...byModerator, moderatorId: channelId, mayDeleteAsModerator: false }, [deleted(channelId)]],
    ['an admin deletes it', [sent()], { ...byModerator, moderatorId: 'staff-1', moderatorStaffRole: 'admin', mayDeleteAsModerator: false }, [deleted('staff-1')]],
    ['support staff delete it', [sent()], { ...byModerator, moderatorId: 'staff-1', moderatorStaffRole: 'support', mayDeleteAsModerator: false }, [deleted('staff-1')]],
    ['deleting a deleted message records nothing', [sent(), deleted('moderator-2')], byModerator, []],
  ])('%s', (_, given, when, then) => {
    expect(decide(chatMessageDecider, given, when)).toEqual(then);
  });

  it.each<[string, ChatEvent[], ChatMessageCommand, { code: string }]>([
    ['a moderator without the permission', [sent()], { ...byModerator, mayDeleteAsModerator: false }, { code: 'not_allowed_to_delete_messages' }],
    ['an analyst', [sent()], { ...byModerator, moderatorStaffRole: 'analyst', mayDeleteAsModerator: false }, { code: 'not_allowed_to_delete_messages' }],
    ['the sender themself', [sent()], { ...byModerator, moderatorId: 'chatter-1', mayDeleteAsModerator: false }, { code: 'not_allowed_to_delete_messages' }],
    ['an unknown message', [], byModerator, { code: 'chat_message_not_found' }],
    ['someone not allowed, before saying whether the message exists', [], { ...byModerator, mayDeleteAsModerator: false }, { code: 'not_allowed_to_delete_messages' }],
  ])('refuses %s', (_, given, when, expected) => {
    expect(refusalSaid(() => decide(chatMessageDecider, given, when))).toEqual(expected);
  });
});
