import { readModelTable, type RowOf } from '@glint/projection-engine';

/** Who follows whom, newest first by the position of the follow event (also the page cursor). */
export const followsTable = readModelTable('follows', {
  key: ['channel_id', 'follower_id'],
  columns: {
    channel_id: 'text',
    follower_id: 'text',
    channel_username: 'text',
    follower_username: 'text',
    live_notifications: 'boolean',
    followed_position: 'bigint',
    followed_at: 'timestamptz',
    channel_deleted: 'boolean',
    follower_deleted: 'boolean',
  },
});
export type FollowsTableRow = RowOf<typeof followsTable>;

/** How many each user has of followers and of channels followed. */
export const followCountsTable = readModelTable('follow_counts', {
  key: ['user_id'],
  columns: { user_id: 'text', followers: 'integer', following: 'integer' },
});
export type FollowCountsTableRow = RowOf<typeof followCountsTable>;
