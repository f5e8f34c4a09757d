import { readModelTable, type RowOf } from '@glint/projection-engine';

/**
 * The public handle of every account, for the moderation log, the report queue and the staff audit
 * log to say who did what. A username is not personal data: it stays after the account is deleted,
 * marked as deleted, so those logs keep naming the people in them.
 */
export const moderationUsernamesTable = readModelTable('moderation_usernames', {
  key: ['user_id'],
  columns: { user_id: 'text', username: 'text', deleted: 'boolean' },
});
export type ModerationUsernamesTableRow = RowOf<typeof moderationUsernamesTable>;
