import { ConflictError, ValidationError } from '@glint/domain-errors';
import { unreachable, type Decider } from '@glint/event-sourcing';
import type { ChatStandingEvent } from './events';
import { assertHoldsPermission, type ModerationAuthority } from './moderation-authority';
import { MAX_TIMEOUT_SECONDS, MIN_TIMEOUT_SECONDS } from './timeout-duration';

/** One user's standing in one channel's chat. A ban and a timeout are independent: lifting one leaves the other. */
export interface ChatStanding {
  banned: boolean;
  /** ISO-8601 end of the latest timeout, or null; a past moment means it has run out. */
  timedOutUntil: string | null;
}

export const initialChatStanding: ChatStanding = { banned: false, timedOutUntil: null };

/** Who acts on whom, in which channel, with what authority, and when. */
interface StandingCommandBase {
  channelId: string;
  ownerId: string;
  targetUserId: string;
  moderatorId: string;
  authority: ModerationAuthority;
  now: Date;
}

export type TimeOutUser = StandingCommandBase & { type: 'TimeOutUser'; durationSeconds: number; reason: string | null };
export type LiftTimeout = StandingCommandBase & { type: 'LiftTimeout' };
export type BanUser = StandingCommandBase & { type: 'BanUser'; reason: string | null };
export type UnbanUser = StandingCommandBase & { type: 'UnbanUser' };
export type ChatStandingCommand = TimeOutUser | LiftTimeout | BanUser | UnbanUser;

export function evolveChatStanding(state: ChatStanding, event: ChatStandingEvent): ChatStanding {
  switch (event.type) {
    case 'UserTimedOut':
      return { ...state, timedOutUntil: event.data.until };
    case 'UserTimeoutLifted':
      return { ...state, timedOutUntil: null };
    case 'UserBanned':
      return { ...state, banned: true };
    case 'UserUnbanned':
      return { ...state, banned: false };
    default:
      return unreachable(event);
  }
}

export function decideChatStanding(command: ChatStandingCommand, state: ChatStanding): ChatStandingEvent[] {
  const { channelId, targetUserId, moderatorId } = command;
  switch (command.type) {
    case 'TimeOutUser': {
      assertHoldsPermission(command.authority, 'timeout');
      assertNeitherSelfNorOwner(command, 'time out');
      assertTimeoutLength(command.durationSeconds);
      // A second timeout replaces the first, shorter or longer: the moderator's latest word counts.
      const until = new Date(command.now.getTime() + command.durationSeconds * 1000).toISOString();
      return [{ type: 'UserTimedOut', data: { channelId, targetUserId, moderatorId, durationSeconds: command.durationSeconds, until, reason: command.reason } }];
    }
    case 'LiftTimeout':
      assertHoldsPermission(command.authority, 'unTimeout');
      assertNotSelf(command);
      if (state.timedOutUntil === null || Date.parse(state.timedOutUntil) <= command.now.getTime()) {
        throw new ConflictError('not_timed_out', 'This user is not timed out in this channel (any timeout has already run out); there is nothing to lift.');
      }
      return [{ type: 'UserTimeoutLifted', data: { channelId, targetUserId, moderatorId } }];
    case 'BanUser':
      assertHoldsPermission(command.authority, 'ban');
      assertNeitherSelfNorOwner(command, 'ban');
      // Refused rather than ignored, like unbanning twice: the moderator learns someone else got there first.
      if (state.banned) throw new ConflictError('already_banned', 'This user is already banned from this channel.');
      return [{ type: 'UserBanned', data: { channelId, targetUserId, moderatorId, reason: command.reason } }];
    case 'UnbanUser':
      assertHoldsPermission(command.authority, 'unban');
      assertNotSelf(command);
      if (!state.banned) throw new ConflictError('not_banned', 'This user is not banned from this channel; there is nothing to unban.');
      return [{ type: 'UserUnbanned', data: { channelId, targetUserId, moderatorId } }];
    default:
      return unreachable(command);
  }
}

function assertNotSelf(command: StandingCommandBase): void {
  if (command.targetUserId === command.moderatorId) {
    throw new ValidationError('cannot_moderate_self', 'You cannot moderate yourself; ask another moderator or the channel owner.', 'user');
  }
}

function assertNeitherSelfNorOwner(command: StandingCommandBase, action: string): void {
  assertNotSelf(command);
  if (command.targetUserId === command.ownerId) {
    throw new ValidationError('cannot_moderate_owner', `Nobody can ${action} the channel's owner in their own channel.`, 'user');
  }
}

function assertTimeoutLength(durationSeconds: number): void {
  if (!Number.isInteger(durationSeconds) || durationSeconds < MIN_TIMEOUT_SECONDS || durationSeconds > MAX_TIMEOUT_SECONDS) {
    throw new ValidationError(
      'invalid_timeout_duration',
      `A timeout lasts a whole number of seconds from ${MIN_TIMEOUT_SECONDS} to ${MAX_TIMEOUT_SECONDS} (7 days), not ${durationSeconds}; use a ban for longer.`,
      'durationSeconds',
    );
  }
}

export const chatStandingDecider: Decider<ChatStanding, ChatStandingCommand, ChatStandingEvent> = {
  initialState: initialChatStanding,
  evolve: evolveChatStanding,
  decide: decideChatStanding,
};
