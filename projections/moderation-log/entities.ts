import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { ModerationAction } from './tables';

/** A moderation_log row as the read functions see it (MikroORM maps it until the reads move to plain SQL). */
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
