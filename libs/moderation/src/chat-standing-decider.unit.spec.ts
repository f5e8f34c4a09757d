import { DomainError } from '@glint/domain-errors';
import { foldEvents } from '@glint/event-sourcing';
import { chatStandingDecider, type ChatStandingCommand } from './chat-standing-decider';
import type { ChatStandingEvent } from './events';
import type { ModerationAuthority, StandingPermissions } from './moderation-authority';

const now = new Date('2026-11-24T12:00:00.000Z');
const channelId = 'owner-1';
const scene = { channelId, ownerId: 'owner-1', targetUserId: 'viewer-1', moderatorId: 'mod-1', now };

const none: StandingPermissions = { timeout: false, unTimeout: false, ban: false, unban: false };
const owner: ModerationAuthority = { kind: 'owner' };
const staff: ModerationAuthority = { kind: 'staff' };
const moderatorWith = (...granted: Array<keyof StandingPermissions>): ModerationAuthority => ({
  kind: 'moderator',
  permissions: { ...none, ...Object.fromEntries(granted.map((permission) => [permission, true])) },
});
const nobody: ModerationAuthority = { kind: 'none' };

const timeOut = (durationSeconds: number, extra: Partial<ChatStandingCommand> = {}): ChatStandingCommand =>
  ({ ...scene, type: 'TimeOutUser', authority: moderatorWith('timeout'), durationSeconds, reason: 'spam', ...extra }) as ChatStandingCommand;
const lift = (extra: Partial<ChatStandingCommand> = {}): ChatStandingCommand => ({ ...scene, type: 'LiftTimeout', authority: moderatorWith('unTimeout'), ...extra }) as ChatStandingCommand;
const ban = (extra: Partial<ChatStandingCommand> = {}): ChatStandingCommand => ({ ...scene, type: 'BanUser', authority: moderatorWith('ban'), reason: null, ...extra }) as ChatStandingCommand;
const unban = (extra: Partial<ChatStandingCommand> = {}): ChatStandingCommand => ({ ...scene, type: 'UnbanUser', authority: moderatorWith('unban'), ...extra }) as ChatStandingCommand;

const who = { channelId, targetUserId: 'viewer-1', moderatorId: 'mod-1' };
const timedOut = (until: string, durationSeconds = 300, reason: string | null = 'spam'): ChatStandingEvent => ({ type: 'UserTimedOut', data: { ...who, durationSeconds, until, reason } });
const lifted: ChatStandingEvent = { type: 'UserTimeoutLifted', data: who };
const banned = (reason: string | null = null): ChatStandingEvent => ({ type: 'UserBanned', data: { ...who, reason } });
const unbanned: ChatStandingEvent = { type: 'UserUnbanned', data: who };

/** What a command leads to: the events it records, or the kind and code of its refusal. */
function outcome(given: ChatStandingEvent[], command: ChatStandingCommand): ChatStandingEvent[] | { refused: string } {
  try {
    return chatStandingDecider.decide(command, foldEvents(chatStandingDecider, given));
  } catch (error) {
    if (error instanceof DomainError) return { refused: `${error.kind}:${error.code}` };
    throw error;
  }
}

describe('chat standing decider', () => {
  describe('TimeOutUser', () => {
    it.each<[string, ChatStandingEvent[], ChatStandingCommand, ChatStandingEvent[] | { refused: string }]>([
      ['a moderator with "timeout" times a user out until now + duration', [], timeOut(300), [timedOut('2026-11-24T12:05:00.000Z')]],
      ['the shortest timeout is 10 s', [], timeOut(10), [timedOut('2026-11-24T12:00:10.000Z', 10)]],
      ['the longest timeout is 7 days', [], timeOut(604_800), [timedOut('2026-12-01T12:00:00.000Z', 604_800)]],
      ['the owner may, without any permission', [], timeOut(900, { authority: owner, moderatorId: 'owner-1' }), [{ type: 'UserTimedOut', data: { ...who, moderatorId: 'owner-1', durationSeconds: 900, until: '2026-11-24T12:15:00.000Z', reason: 'spam' } }]],
      ['staff may, without any permission', [], timeOut(300, { authority: staff }), [timedOut('2026-11-24T12:05:00.000Z')]],
      ['a reason may be left out', [], timeOut(300, { reason: null }), [timedOut('2026-11-24T12:05:00.000Z', 300, null)]],
      ['a second timeout replaces the first, even a shorter one', [timedOut('2026-11-24T12:15:00.000Z', 900)], timeOut(60), [timedOut('2026-11-24T12:01:00.000Z', 60)]],
      ['a banned user can still be timed out', [banned()], timeOut(300), [timedOut('2026-11-24T12:05:00.000Z')]],
      ['a moderator without "timeout" is refused', [], timeOut(300, { authority: moderatorWith('ban', 'unban', 'unTimeout') }), { refused: 'forbidden:missing_moderator_permission' }],
      ['someone who is no moderator is refused', [], timeOut(300, { authority: nobody }), { refused: 'forbidden:missing_moderator_permission' }],
      ['nobody times themselves out', [], timeOut(300, { targetUserId: 'mod-1' }), { refused: 'validation:cannot_moderate_self' }],
      ['nobody times the owner out, not even staff', [], timeOut(300, { targetUserId: 'owner-1', authority: staff }), { refused: 'validation:cannot_moderate_owner' }],
      ['9 s is too short', [], timeOut(9), { refused: 'validation:invalid_timeout_duration' }],
      ['7 days and a second is too long', [], timeOut(604_801), { refused: 'validation:invalid_timeout_duration' }],
      ['a fraction of a second is not a duration', [], timeOut(30.5), { refused: 'validation:invalid_timeout_duration' }],
    ])('%s', (_, given, command, expected) => {
      expect(outcome(given, command)).toEqual(expected);
    });
  });

  describe('LiftTimeout', () => {
    it.each<[string, ChatStandingEvent[], ChatStandingCommand, ChatStandingEvent[] | { refused: string }]>([
      ['a moderator with "unTimeout" lifts a running timeout', [timedOut('2026-11-24T12:05:00.000Z')], lift(), [lifted]],
      ['the owner may', [timedOut('2026-11-24T12:05:00.000Z')], lift({ authority: owner }), [lifted]],
      ['staff may', [timedOut('2026-11-24T12:05:00.000Z')], lift({ authority: staff }), [lifted]],
      ['a user never timed out is refused', [], lift(), { refused: 'conflict:not_timed_out' }],
      ['a timeout that ran out cannot be lifted', [timedOut('2026-11-24T11:59:59.999Z')], lift(), { refused: 'conflict:not_timed_out' }],
      ['a timeout that ends this very moment has run out', [timedOut('2026-11-24T12:00:00.000Z')], lift(), { refused: 'conflict:not_timed_out' }],
      ['a timeout already lifted cannot be lifted again', [timedOut('2026-11-24T12:05:00.000Z'), lifted], lift(), { refused: 'conflict:not_timed_out' }],
      ['a moderator with only "timeout" is refused', [timedOut('2026-11-24T12:05:00.000Z')], lift({ authority: moderatorWith('timeout') }), { refused: 'forbidden:missing_moderator_permission' }],
      ['someone who is no moderator is refused', [timedOut('2026-11-24T12:05:00.000Z')], lift({ authority: nobody }), { refused: 'forbidden:missing_moderator_permission' }],
      ['a timed-out moderator cannot lift their own timeout', [timedOut('2026-11-24T12:05:00.000Z')], lift({ targetUserId: 'mod-1' }), { refused: 'validation:cannot_moderate_self' }],
    ])('%s', (_, given, command, expected) => {
      expect(outcome(given, command)).toEqual(expected);
    });
  });

  describe('BanUser', () => {
    it.each<[string, ChatStandingEvent[], ChatStandingCommand, ChatStandingEvent[] | { refused: string }]>([
      ['a moderator with "ban" bans', [], ban(), [banned()]],
      ['with a reason', [], ban({ reason: 'hate speech' } as Partial<ChatStandingCommand>), [banned('hate speech')]],
      ['the owner may', [], ban({ authority: owner }), [banned()]],
      ['staff may', [], ban({ authority: staff }), [banned()]],
      ['a timed-out user can be banned', [timedOut('2026-11-24T12:05:00.000Z')], ban(), [banned()]],
      ['a user banned, then unbanned, can be banned again', [banned(), unbanned], ban(), [banned()]],
      ['banning twice is refused, so nothing is recorded twice', [banned()], ban(), { refused: 'conflict:already_banned' }],
      ['a moderator without "ban" is refused', [], ban({ authority: moderatorWith('timeout', 'unTimeout', 'unban') }), { refused: 'forbidden:missing_moderator_permission' }],
      ['someone who is no moderator is refused', [], ban({ authority: nobody }), { refused: 'forbidden:missing_moderator_permission' }],
      ['nobody bans themselves', [], ban({ targetUserId: 'mod-1' }), { refused: 'validation:cannot_moderate_self' }],
      ['nobody bans the owner from their own channel', [], ban({ targetUserId: 'owner-1' }), { refused: 'validation:cannot_moderate_owner' }],
    ])('%s', (_, given, command, expected) => {
      expect(outcome(given, command)).toEqual(expected);
    });
  });

  describe('UnbanUser', () => {
    it.each<[string, ChatStandingEvent[], ChatStandingCommand, ChatStandingEvent[] | { refused: string }]>([
      ['a moderator with "unban" unbans', [banned()], unban(), [unbanned]],
      ['the owner may', [banned()], unban({ authority: owner }), [unbanned]],
      ['staff may', [banned()], unban({ authority: staff }), [unbanned]],
      ['a user never banned is refused', [], unban(), { refused: 'conflict:not_banned' }],
      ['unbanning twice is refused', [banned(), unbanned], unban(), { refused: 'conflict:not_banned' }],
      ['a timeout is not a ban', [timedOut('2026-11-24T12:05:00.000Z')], unban(), { refused: 'conflict:not_banned' }],
      ['a moderator with only "ban" is refused', [banned()], unban({ authority: moderatorWith('ban') }), { refused: 'forbidden:missing_moderator_permission' }],
      ['someone who is no moderator is refused', [banned()], unban({ authority: nobody }), { refused: 'forbidden:missing_moderator_permission' }],
      ['a banned moderator cannot unban themselves', [banned()], unban({ targetUserId: 'mod-1' }), { refused: 'validation:cannot_moderate_self' }],
    ])('%s', (_, given, command, expected) => {
      expect(outcome(given, command)).toEqual(expected);
    });
  });

  it.each<[string, ChatStandingEvent[], { banned: boolean; timedOutUntil: string | null }]>([
    ['nothing happened', [], { banned: false, timedOutUntil: null }],
    ['a ban keeps a running timeout', [timedOut('2026-11-24T12:05:00.000Z'), banned()], { banned: true, timedOutUntil: '2026-11-24T12:05:00.000Z' }],
    ['an unban leaves a timeout as it was', [banned(), timedOut('2026-11-24T12:05:00.000Z'), unbanned], { banned: false, timedOutUntil: '2026-11-24T12:05:00.000Z' }],
    ['lifting a timeout leaves a ban as it was', [banned(), timedOut('2026-11-24T12:05:00.000Z'), lifted], { banned: true, timedOutUntil: null }],
  ])('the standing after %s', (_, given, expected) => {
    expect(foldEvents(chatStandingDecider, given)).toEqual(expected);
  });

  it('names the missing permission in the refusal', () => {
    expect(() => chatStandingDecider.decide(ban({ authority: nobody }), chatStandingDecider.initialState)).toThrow('"ban" moderator permission');
  });
});
