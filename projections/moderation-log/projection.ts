import type { ChatMessageDeleted } from '@glint/chat/events';
import type { Recorded } from '@glint/eventstore';
import type { UserBanned, UserTimedOut, UserTimeoutLifted, UserUnbanned } from '@glint/moderation/events';
import { defineProjection } from '@glint/projection-engine';
import { ModerationLogRow } from './entities';
import { moderationLogTable, type ModerationAction, type ModerationLogTableRow } from './tables';

type ModerationLogEvent = UserTimedOut | UserTimeoutLifted | UserBanned | UserUnbanned | ChatMessageDeleted;

function entry(
  event: Recorded<ModerationLogEvent>,
  action: ModerationAction,
  who: { moderatorId: string; targetUserId: string },
  details: Partial<Pick<ModerationLogTableRow, 'duration_seconds' | 'reason' | 'message_id'>> = {},
): ModerationLogTableRow {
  return {
    position: event.position,
    channel_id: event.data.channelId,
    action,
    moderator_id: who.moderatorId,
    target_user_id: who.targetUserId,
    duration_seconds: details.duration_seconds ?? null,
    reason: details.reason ?? null,
    message_id: details.message_id ?? null,
    occurred_at: new Date(event.metadata.occurredAt),
  };
}

/** Every moderation action of every channel: a log, each action a row of its own. */
export const moderationLog = defineProjection<ModerationLogEvent>()({
  name: 'moderation_log',
  tables: { moderation_log: moderationLogTable },
  entities: [ModerationLogRow],
  handlers: {
    UserTimedOut: (event, tables) =>
      tables.moderation_log.insert(entry(event, 'timeout', event.data, { duration_seconds: event.data.durationSeconds, reason: event.data.reason })),
    UserTimeoutLifted: (event, tables) => tables.moderation_log.insert(entry(event, 'untimeout', event.data)),
    UserBanned: (event, tables) => tables.moderation_log.insert(entry(event, 'ban', event.data, { reason: event.data.reason })),
    UserUnbanned: (event, tables) => tables.moderation_log.insert(entry(event, 'unban', event.data)),
    ChatMessageDeleted: (event, tables) =>
      tables.moderation_log.insert(entry(event, 'delete_message', { moderatorId: event.data.moderatorId, targetUserId: event.data.senderId }, { message_id: event.data.messageId })),
  },
});
