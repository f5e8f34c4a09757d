import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type DomainError } from '@glint/domain-errors';
import { decide, refusalOf } from '@glint/testing';
import type { ActingUser } from './acting-user';
import { channelDecider, type ChannelCommand } from './channel-decider';
import type { ChannelEvent } from './events';
import type { ModeratorPermissions } from './moderator-permissions';

const ANA = 'a0000000-0000-4000-8000-000000000001';
const BEN = 'b0000000-0000-4000-8000-000000000002';
const ADMIN = 'c0000000-0000-4000-8000-000000000003';

const none: ModeratorPermissions = { timeout: false, unTimeout: false, ban: false, unban: false, deleteMessage: false, edit: false };
const owner: ActingUser = { userId: ANA, staffRole: null, moderatorPermissions: null };
const admin: ActingUser = { userId: ADMIN, staffRole: 'admin', moderatorPermissions: null };
const support: ActingUser = { userId: ADMIN, staffRole: 'support', moderatorPermissions: null };
const editor: ActingUser = { userId: BEN, staffRole: null, moderatorPermissions: { ...none, edit: true } };
const timeoutModerator: ActingUser = { userId: BEN, staffRole: null, moderatorPermissions: { ...none, timeout: true } };
const stranger: ActingUser = { userId: BEN, staffRole: null, moderatorPermissions: null };

const defaultChatSettings = { chatRules: '', blockLinks: false, requireConfirmedEmail: false, minimumAccountAgeHours: 0, showRecentChatOnly: false };
const createdData = {
  channelId: ANA, ownerId: ANA, username: 'Ana', title: 'Live Stream!', category: 'gaming', subcategory: null, tags: [], language: 'en', mature: false,
  chatSettings: defaultChatSettings, streamKeyHash: 'hash-1',
} as const;
const created: ChannelEvent = { type: 'ChannelCreated', data: { ...createdData, tags: [] } };
const anaOwner = { userId: ANA, username: 'Ana', deleted: false, globallyBanned: false };
const create = (info: object = {}, chatSettings: object = {}, ownerFacts: object = {}): ChannelCommand => ({ type: 'CreateChannel', owner: { ...anaOwner, ...ownerFacts }, info, chatSettings, streamKeyHash: 'hash-1' });
const updateInfo = (by: ActingUser, changes: object): ChannelCommand => ({ type: 'UpdateChannelInfo', by, changes });
const updateChat = (by: ActingUser, changes: object): ChannelCommand => ({ type: 'UpdateChatSettings', by, changes });
const rotate = (by: ActingUser): ChannelCommand => ({ type: 'RotateStreamKey', by, streamKeyHash: 'hash-2' });
const infoUpdated = (editorId: string, changes: object): ChannelEvent => ({ type: 'ChannelInfoUpdated', data: { channelId: ANA, ownerId: ANA, editorId, changes } });
const chatUpdated = (editorId: string, changes: object): ChannelEvent => ({ type: 'ChannelChatSettingsUpdated', data: { channelId: ANA, ownerId: ANA, editorId, changes } });

describe('the channel decider records', () => {
  it.each<[string, ChannelEvent[], ChannelCommand, ChannelEvent[]]>([
    ['a channel with the defaults', [], create(), [created]],
    [
      'a channel with initial settings, normalised',
      [],
      create({ title: '  Speedrunning 🔴 ', category: 'art', subcategory: ' Pixel art ', tags: ['Pixel Art', 'pixel  art', ' retro '], language: 'pt', mature: true }, { chatRules: ' Be kind. \n', blockLinks: true, minimumAccountAgeHours: 24 }),
      [{
        type: 'ChannelCreated',
        data: {
          ...createdData,
          title: 'Speedrunning 🔴', category: 'art', subcategory: 'Pixel art', tags: ['pixel-art', 'retro'], language: 'pt', mature: true,
          chatSettings: { ...defaultChatSettings, chatRules: 'Be kind.', blockLinks: true, minimumAccountAgeHours: 24 },
        },
      }],
    ],
    ['a title in a right-to-left script, with an emoji sequence', [created], updateInfo(owner, { title: 'بث مباشر 👨‍👩‍👧' }), [infoUpdated(ANA, { title: 'بث مباشر 👨‍👩‍👧' })]],
    ['the owner changing every info field', [created], updateInfo(owner, { title: 'New', category: 'music', subcategory: 'Jazz', tags: ['Live Jazz'], language: 'fr', mature: true }),
      [infoUpdated(ANA, { title: 'New', category: 'music', subcategory: 'Jazz', tags: ['live-jazz'], language: 'fr', mature: true })]],
    ['only what differs', [created], updateInfo(owner, { title: 'Live Stream!', category: 'tech' }), [infoUpdated(ANA, { category: 'tech' })]],
    ['nothing when nothing differs', [created], updateInfo(owner, { title: ' Live Stream! ', tags: [] }), []],
    ['a cleared subcategory', [created, infoUpdated(ANA, { subcategory: 'Jazz' })], updateInfo(owner, { subcategory: '  ' }), [infoUpdated(ANA, { subcategory: null })]],
    ['an admin changing the info, naming the admin', [created], updateInfo(admin, { mature: true }), [infoUpdated(ADMIN, { mature: true })]],
    ['an editor changing title, category, subcategory and tags', [created], updateInfo(editor, { title: 'By the editor', category: 'irl', subcategory: 'Walks', tags: ['city'] }),
      [infoUpdated(BEN, { title: 'By the editor', category: 'irl', subcategory: 'Walks', tags: ['city'] })]],
    ['chat settings changed by the owner', [created], updateChat(owner, { chatRules: '# Rules', requireConfirmedEmail: true, minimumAccountAgeHours: 720, showRecentChatOnly: true }),
      [chatUpdated(ANA, { chatRules: '# Rules', requireConfirmedEmail: true, minimumAccountAgeHours: 720, showRecentChatOnly: true })]],
    ['chat settings changed by an admin', [created], updateChat(admin, { blockLinks: true }), [chatUpdated(ADMIN, { blockLinks: true })]],
    ['nothing when the chat settings are as they were', [created, chatUpdated(ANA, { blockLinks: true })], updateChat(owner, { blockLinks: true, minimumAccountAgeHours: 0 }), []],
    ['a rotated stream key', [created], rotate(owner), [{ type: 'StreamKeyRotated', data: { channelId: ANA, ownerId: ANA, keyHash: 'hash-2' } }]],
  ])('%s', (_, given, when, then) => {
    expect(decide(channelDecider, given, when)).toEqual(then);
  });
});

describe('the channel decider refuses', () => {
  it.each<[string, ChannelEvent[], ChannelCommand, new (...args: any[]) => DomainError, { code: string; field?: string }]>([
    ['a second channel', [created], create(), ConflictError, { code: 'channel_exists' }],
    ['a channel for a deleted account', [], create({}, {}, { deleted: true }), ForbiddenError, { code: 'account_deleted' }],
    ['a channel for a globally banned account', [], create({}, {}, { globallyBanned: true }), ForbiddenError, { code: 'globally_banned' }],
    ['a channel with a bad initial title', [], create({ title: 'x'.repeat(251) }), ValidationError, { code: 'invalid_title', field: 'title' }],
    ['a channel with a bad initial chat setting', [], create({}, { minimumAccountAgeHours: 721 }), ValidationError, { code: 'invalid_minimum_account_age', field: 'minimumAccountAgeHours' }],
    ['an info change to a channel that does not exist', [], updateInfo(owner, { title: 'x' }), NotFoundError, { code: 'channel_not_found' }],
    ['chat settings of a channel that does not exist', [], updateChat(owner, { blockLinks: true }), NotFoundError, { code: 'channel_not_found' }],
    ['a key rotation of a channel that does not exist', [], rotate(owner), NotFoundError, { code: 'channel_not_found' }],
    ['an info change by someone who is not an editor', [created], updateInfo(stranger, { title: 'x' }), ForbiddenError, { code: 'not_channel_editor' }],
    ['an info change by a moderator without the edit permission', [created], updateInfo(timeoutModerator, { title: 'x' }), ForbiddenError, { code: 'not_channel_editor' }],
    ['an info change by support staff', [created], updateInfo(support, { title: 'x' }), ForbiddenError, { code: 'not_channel_editor' }],
    ['an editor changing the language', [created], updateInfo(editor, { title: 'x', language: 'de' }), ForbiddenError, { code: 'editor_may_not_change', field: 'language' }],
    ['an editor changing the mature flag', [created], updateInfo(editor, { mature: true }), ForbiddenError, { code: 'editor_may_not_change', field: 'mature' }],
    ['an editor changing chat settings', [created], updateChat(editor, { blockLinks: true }), ForbiddenError, { code: 'editor_may_not_change', field: 'blockLinks' }],
    ['chat settings changed by someone else', [created], updateChat(stranger, { blockLinks: true }), ForbiddenError, { code: 'not_channel_owner' }],
    ['chat settings changed by support staff', [created], updateChat(support, { blockLinks: true }), ForbiddenError, { code: 'not_channel_owner' }],
    ['an info change naming nothing', [created], updateInfo(owner, {}), ValidationError, { code: 'no_changes' }],
    ['a chat settings change naming nothing', [created], updateChat(owner, { blockLinks: undefined }), ValidationError, { code: 'no_changes' }],
    ['an empty title', [created], updateInfo(owner, { title: '   ' }), ValidationError, { code: 'invalid_title', field: 'title' }],
    ['a title of 251 characters', [created], updateInfo(owner, { title: 'é'.repeat(251) }), ValidationError, { code: 'invalid_title', field: 'title' }],
    ['a title with a right-to-left override', [created], updateInfo(owner, { title: 'abc\u202Edef' }), ValidationError, { code: 'invisible_character', field: 'title' }],
    ['a title with a zero-width space', [created], updateInfo(owner, { title: 'free\u200Bstuff' }), ValidationError, { code: 'invisible_character', field: 'title' }],
    ['a title with a line break', [created], updateInfo(owner, { title: 'one\ntwo' }), ValidationError, { code: 'invisible_character', field: 'title' }],
    ['a title of joiners only', [created], updateInfo(owner, { title: '\u200D\u200D' }), ValidationError, { code: 'nothing_visible', field: 'title' }],
    ['an unknown category', [created], updateInfo(owner, { category: 'sports' }), ValidationError, { code: 'invalid_category', field: 'category' }],
    ['a subcategory of 51 characters', [created], updateInfo(owner, { subcategory: 's'.repeat(51) }), ValidationError, { code: 'invalid_subcategory', field: 'subcategory' }],
    ['a subcategory with a bidi isolate', [created], updateInfo(owner, { subcategory: 'a\u2066b' }), ValidationError, { code: 'invisible_character', field: 'subcategory' }],
    ['eleven distinct tags', [created], updateInfo(owner, { tags: Array.from({ length: 11 }, (_, index) => `tag${index}`) }), ValidationError, { code: 'too_many_tags', field: 'tags' }],
    ['a tag of 26 characters', [created], updateInfo(owner, { tags: ['t'.repeat(26)] }), ValidationError, { code: 'invalid_tag', field: 'tags' }],
    ['an empty tag', [created], updateInfo(owner, { tags: ['  '] }), ValidationError, { code: 'invalid_tag', field: 'tags' }],
    ['a tag with an emoji', [created], updateInfo(owner, { tags: ['fire🔥'] }), ValidationError, { code: 'invalid_tag', field: 'tags' }],
    ['a tag in a right-to-left script', [created], updateInfo(owner, { tags: ['مباشر'] }), ValidationError, { code: 'invalid_tag', field: 'tags' }],
    ['a tag with a zero-width space', [created], updateInfo(owner, { tags: ['speed\u200Brun'] }), ValidationError, { code: 'invalid_tag', field: 'tags' }],
    ['a language that is not ISO 639-1', [created], updateInfo(owner, { language: 'eng' }), ValidationError, { code: 'invalid_language', field: 'language' }],
    ['a minimum account age of 721 hours', [created], updateChat(owner, { minimumAccountAgeHours: 721 }), ValidationError, { code: 'invalid_minimum_account_age', field: 'minimumAccountAgeHours' }],
    ['a negative minimum account age', [created], updateChat(owner, { minimumAccountAgeHours: -1 }), ValidationError, { code: 'invalid_minimum_account_age', field: 'minimumAccountAgeHours' }],
    ['a fractional minimum account age', [created], updateChat(owner, { minimumAccountAgeHours: 1.5 }), ValidationError, { code: 'invalid_minimum_account_age', field: 'minimumAccountAgeHours' }],
    ['chat rules of 8193 characters', [created], updateChat(owner, { chatRules: 'r'.repeat(8193) }), ValidationError, { code: 'chat_rules_too_long', field: 'chatRules' }],
    ['chat rules with a NUL character', [created], updateChat(owner, { chatRules: 'a\u0000b' }), ValidationError, { code: 'control_character', field: 'chatRules' }],
    ['a key rotation by an admin', [created], rotate(admin), ForbiddenError, { code: 'not_channel_owner' }],
    ['a key rotation by an editor', [created], rotate(editor), ForbiddenError, { code: 'not_channel_owner' }],
  ])('%s', (_, given, when, errorType, expected) => {
    const refusal = refusalOf(() => decide(channelDecider, given, when));
    expect(refusal).toBeInstanceOf(errorType);
    expect({ code: refusal.code, field: refusal.field }).toEqual({ field: undefined, ...expected });
  });
});

describe('channel rules at their limits', () => {
  it.each<[string, ChannelCommand]>([
    ['a title of 250 characters, emoji counted once each', updateInfo(owner, { title: '🔴'.repeat(250) })],
    ['ten tags after removing duplicates', updateInfo(owner, { tags: [...Array.from({ length: 10 }, (_, index) => `tag-${index}`), 'TAG-0'] })],
    ['a tag of 25 characters', updateInfo(owner, { tags: ['t'.repeat(25)] })],
    ['a subcategory of 50 characters', updateInfo(owner, { subcategory: 's'.repeat(50) })],
    ['chat rules of 8192 characters with line breaks', updateChat(owner, { chatRules: `${'r'.repeat(8189)}\n\tr` })],
    ['a minimum account age of 720 hours', updateChat(owner, { minimumAccountAgeHours: 720 })],
  ])('accepts %s', (_, when) => {
    expect(decide(channelDecider, [created], when)).toHaveLength(1);
  });
});
