import { foldEvents } from '@glint/event-sourcing';
import { decide, refusalOf } from '@glint/testing';
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

describe('chat standing decider', () => {
  describe('TimeOutUser', () => {
    it.each<[string, ChatStandingEvent[], ChatStandingCommand, ChatStandingEvent[]]>([
      ['a moderator with "timeout" times a user out until now + duration', [], timeOut(300), [timedOut('2026-11-24T12:05:00.000Z')]],
      ['the shortest timeout is 10 s', [], timeOut(10), [timedOut('2026-11-24T12:00:10.000Z', 10)]],
      ['the longest timeout is 7 days', [], timeOut(604_800), [timedOut('2026-12-01T12:00:00.000Z', 604_800)]],
      ['the owner may, without any permission', [], timeOut(900, { authority: owner, moderatorId: 'owner-1' }), [{ type: 'UserTimedOut', data: { ...who, moderatorId: 'owner-1', durationSeconds: 900, until: '2026-11-24T12:15:00.000Z', reason: 'spam' } }]],
      ['staff may, without any permission', [], timeOut(300, { authority: staff }), [timedOut('2026-11-24T12:05:00.000Z')]],
      ['a reason may be left out', [], timeOut(300, { reason: null }), [timedOut('2026-11-24T12:05:00.000Z', 300, null)]],
      ['a second timeout replaces the first, even a shorter one', [timedOut('2026-11-24T12:15:00.000Z', 900)], timeOut(60), [timedOut('2026-11-24T12:01:00.000Z', 60)]],
      ['a banned user can still be timed out', [banned()], timeOut(300), [timedOut('2026-11-24T12:05:00.000Z')]],
    ])('%s', (_, given, when, then) => {
      expect(decide(chatStandingDecider, given, when)).toEqual(then);
    });

    it.each<[string, ChatStandingEvent[], ChatStandingCommand, { kind: string; code: string }]>([
      ['a moderator without "timeout" is refused', [], timeOut(300, { authority: moderatorWith('ban', 'unban', 'unTimeout') }), { kind: 'forbidden', code: 'missing_moderator_permission' }],
      ['someone who is no moderator is refused', [], timeOut(300, { authority: nobody }), { kind: 'forbidden', code: 'missing_moderator_permission' }],
      ['nobody times themselves out', [], timeOut(300, { targetUserId: 'mod-1' }), { kind: 'validation', code: 'cannot_moderate_self' }],
      ['nobody times the owner out, not even staff', [], timeOut(300, { targetUserId: 'owner-1', authority: staff }), { kind: 'validation', code: 'cannot_moderate_owner' }],
      ['9 s is too short', [], timeOut(9), { kind: 'validation', code: 'invalid_timeout_duration' }],
      ['7 days and a second is too long', [], timeOut(604_801), { kind: 'validation', code: 'invalid_timeout_duration' }],
      ['a fraction of a second is not a duration', [], timeOut(30.5), { kind: 'validation', code: 'invalid_timeout_duration' }],
    ])('%s', (_, given, when, refusal) => {
      expect(refusalOf(() => decide(chatStandingDecider, given, when))).toMatchObject(refusal);
    });
  });

  describe('LiftTimeout', () => {
    it.each<[string, ChatStandingEvent[], ChatStandingCommand, ChatStandingEvent[]]>([
      ['a moderator with "unTimeout" lifts a running timeout', [timedOut('2026-11-24T12:05:00.000Z')], lift(), [lifted]],
      ['the owner may', [timedOut('2026-11-24T12:05:00.000Z')], lift({ authority: owner }), [lifted]],
      ['staff may', [timedOut('2026-11-24T12:05:00.000Z')], lift({ authority: staff }), [lifted]],
    ])('%s', (_, given, when, then) => {
      expect(decide(chatStandingDecider, given, when)).toEqual(then);
    });

    it.each<[string, ChatStandingEvent[], ChatStandingCommand, { kind: string; code: string }]>([
      ['a user never timed out is refused', [], lift(), { kind: 'conflict', code: 'not_timed_out' }],
      ['a timeout that ran out cannot be lifted', [timedOut('2026-11-24T11:59:59.999Z')], lift(), { kind: 'conflict', code: 'not_timed_out' }],
      ['a timeout that ends this very moment has run out', [timedOut('2026-11-24T12:00:00.000Z')], lift(), { kind: 'conflict', code: 'not_timed_out' }],
      ['a timeout already lifted cannot be lifted again', [timedOut('2026-11-24T12:05:00.000Z'), lifted], lift(), { kind: 'conflict', code: 'not_timed_out' }],
      ['a moderator with only "timeout" is refused', [timedOut('2026-11-24T12:05:00.000Z')], lift({ authority: moderatorWith('timeout') }), { kind: 'forbidden', code: 'missing_moderator_permission' }],
      ['someone who is no moderator is refused', [timedOut('2026-11-24T12:05:00.000Z')], lift({ authority: nobody }), { kind: 'forbidden', code: 'missing_moderator_permission' }],
      ['a timed-out moderator cannot lift their own timeout', [timedOut('2026-11-24T12:05:00.000Z')], lift({ targetUserId: 'mod-1' }), { kind: 'validation', code: 'cannot_moderate_self' }],
    ])('%s', (_, given, when, refusal) => {
      expect(refusalOf(() => decide(chatStandingDecider, given, when))).toMatchObject(refusal);
    });
  });

  describe('BanUser', () => {
    it.each<[string, ChatStandingEvent[], ChatStandingCommand, ChatStandingEvent[]]>([
      ['a moderator with "ban" bans', [], ban(), [banned()]],
      ['with a reason', [], ban({ reason: 'hate speech' } as Partial<ChatStandingCommand>), [banned('hate speech')]],
      ['the owner may', [], ban({ authority: owner }), [banned()]],
      ['staff may', [], ban({ authority: staff }), [banned()]],
      ['a timed-out user can be banned', [timedOut('2026-11-24T12:05:00.000Z')], ban(), [banned()]],
      ['a user banned, then unbanned, can be banned again', [banned(), unbanned], ban(), [banned()]],
    ])('%s', (_, given, when, then) => {
      expect(decide(chatStandingDecider, given, when)).toEqual(then);
    });

    it.each<[string, ChatStandingEvent[], ChatStandingCommand, { kind: string; code: string }]>([
      ['banning twice is refused, so nothing is recorded twice', [banned()], ban(), { kind: 'conflict', code: 'already_banned' }],
      ['a moderator without "ban" is refused', [], ban({ authority: moderatorWith('timeout', 'unTimeout', 'unban') }), { kind: 'forbidden', code: 'missing_moderator_permission' }],
      ['someone who is no moderator is refused', [], ban({ authority: nobody }), { kind: 'forbidden', code: 'missing_moderator_permission' }],
      ['nobody bans themselves', [], ban({ targetUserId: 'mod-1' }), { kind: 'validation', code: 'cannot_moderate_self' }],
      ['nobody bans the owner from their own channel', [], ban({ targetUserId: 'owner-1' }), { kind: 'validation', code: 'cannot_moderate_owner' }],
    ])('%s', (_, given, when, refusal) => {
      expect(refusalOf(() => decide(chatStandingDecider, given, when))).toMatchObject(refusal);
    });
  });

  describe('UnbanUser', () => {
    it.each<[string, ChatStandingEvent[], ChatStandingCommand, ChatStandingEvent[]]>([
      ['a moderator with "unban" unbans', [banned()], unban(), [unbanned]],
      ['the owner may', [banned()], unban({ authority: owner }), [unbanned]],
      ['staff may', [banned()], unban({ authority: staff }), [unbanned]],
    ])('%s', (_, given, when, then) => {
      expect(decide(chatStandingDecider, given, when)).toEqual(then);
    });

    it.each<[string, ChatStandingEvent[], ChatStandingCommand, { kind: string; code: string }]>([
      ['a user never banned is refused', [], unban(), { kind: 'conflict', code: 'not_banned' }],
      ['unbanning twice is refused', [banned(), unbanned], unban(), { kind: 'conflict', code: 'not_banned' }],
      ['a timeout is not a ban', [timedOut('2026-11-24T12:05:00.000Z')], unban(), { kind: 'conflict', code: 'not_banned' }],
      ['a moderator with only "ban" is refused', [banned()], unban({ authority: moderatorWith('ban') }), { kind: 'forbidden', code: 'missing_moderator_permission' }],
      ['someone who is no moderator is refused', [banned()], unban({ authority: nobody }), { kind: 'forbidden', code: 'missing_moderator_permission' }],
      ['a banned moderator cannot unban themselves', [banned()], unban({ targetUserId: 'mod-1' }), { kind: 'validation', code: 'cannot_moderate_self' }],
    ])('%s', (_, given, when, refusal) => {
      expect(refusalOf(() => decide(chatStandingDecider, given, when))).toMatchObject(refusal);
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
    expect(refusalOf(() => decide(chatStandingDecider, [], ban({ authority: nobody }))).message).toContain('"ban" moderator permission');
  });
});
