import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { ChatMessageDeleted } from '@glint/chat';
import type { RecordedEvent } from '@glint/eventstore';
import type { UserBanned, UserTimedOut, UserTimeoutLifted, UserUnbanned } from '@glint/moderation';
import { defineProjection, type NewRows } from '@glint/projection-engine';

export const MODERATION_ACTIONS = ['timeout', 'untimeout', 'ban', 'unban', 'delete_message'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/**
 * One moderation action in a channel. Only ids, never personal data: deleting the moderator's or
 * the target's account leaves the entry as it was.
 */
export interface ModerationLogRow {
  /** The event's position in the log: the entry's key and the page cursor. */
  position: number;
  channelId: string;
  action: ModerationAction;
  moderatorId: string;
  targetUserId: string;
  durationSeconds: number | null;
  reason: string | null;
  /** The deleted chat message, for `delete_message`. */
  messageId: string | null;
  occurredAt: Date;
}

export const ModerationLogRow = new EntitySchema<ModerationLogRow>({
  name: 'ModerationLogRow',
  tableName: 'moderation_log',
  properties: {
    position: { type: new BigIntType('number'), primary: true },
    channelId: { type: 'text' },
    action: { type: 'text' },
    moderatorId: { type: 'text' },
    targetUserId: { type: 'text' },
    durationSeconds: { type: 'integer', nullable: true },
    reason: { type: 'text', nullable: true },
    messageId: { type: 'text', nullable: true },
    occurredAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

type Acted = { channelId: string; moderatorId: string; targetUserId: string };

function entry(event: RecordedEvent<string, Acted>, action: ModerationAction, details: Partial<Pick<ModerationLogRow, 'durationSeconds' | 'reason' | 'messageId'>> = {}): NewRows<ModerationLogRow>[] {
  const { channelId, moderatorId, targetUserId } = event.data;
  const row: ModerationLogRow = {
    position: event.position,
    channelId,
    action,
    moderatorId,
    targetUserId,
    durationSeconds: details.durationSeconds ?? null,
    reason: details.reason ?? null,
    messageId: details.messageId ?? null,
    occurredAt: new Date(event.metadata.occurredAt),
  };
  return [{ entity: ModerationLogRow, rows: [row] }];
}

// Insert-only: every action is a new row, so handlers return their rows for one insert per batch.
export const moderationLog = defineProjection('moderation_log', {
  tables: ['moderation_log'],
  entities: [ModerationLogRow],
  handlers: {
    UserTimedOut: (event: RecordedEvent<string, UserTimedOut['data']>) => entry(event, 'timeout', { durationSeconds: event.data.durationSeconds, reason: event.data.reason }),
    UserTimeoutLifted: (event: RecordedEvent<string, UserTimeoutLifted['data']>) => entry(event, 'untimeout'),
    UserBanned: (event: RecordedEvent<string, UserBanned['data']>) => entry(event, 'ban', { reason: event.data.reason }),
    UserUnbanned: (event: RecordedEvent<string, UserUnbanned['data']>) => entry(event, 'unban'),
    ChatMessageDeleted: (event: RecordedEvent<string, ChatMessageDeleted['data']>) =>
      entry({ ...event, data: { ...event.data, targetUserId: event.data.senderId } }, 'delete_message', { messageId: event.data.messageId }),
  },
});
