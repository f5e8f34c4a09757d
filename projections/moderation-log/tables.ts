import { nullable, readModelTable, type RowOf } from '@glint/projection-engine';

export const MODERATION_ACTIONS = ['timeout', 'untimeout', 'ban', 'unban', 'delete_message'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/**
 * One moderation action in a channel, keyed by its event's position (also the page cursor). Only
 * ids, never personal data: deleting the moderator's or the target's account leaves it as it was.
 */
export const moderationLogTable = readModelTable('moderation_log', {
  key: ['position'],
  columns: {
    position: 'bigint',
    channel_id: 'text',
    action: 'text',
    moderator_id: 'text',
    target_user_id: 'text',
    duration_seconds: nullable('integer'),
    reason: nullable('text'),
    /** The deleted chat message, for `delete_message`. */
    message_id: nullable('text'),
    occurred_at: 'timestamptz',
  },
});
export type ModerationLogTableRow = RowOf<typeof moderationLogTable>;
