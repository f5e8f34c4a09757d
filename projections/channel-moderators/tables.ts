import { readModelTable, type RowOf } from '@glint/projection-engine';

/** Every channel's moderators with their permissions: what moderation and chat check on each action. */
export const channelModeratorsTable = readModelTable('channel_moderators', {
  key: ['channel_id', 'moderator_id'],
  columns: {
    channel_id: 'text',
    moderator_id: 'text',
    moderator_username: 'text',
    can_timeout: 'boolean',
    can_un_timeout: 'boolean',
    can_ban: 'boolean',
    can_unban: 'boolean',
    can_delete_message: 'boolean',
    can_edit: 'boolean',
    moderator_deleted: 'boolean',
    appointed_at: 'timestamptz',
  },
});
export type ChannelModeratorsTableRow = RowOf<typeof channelModeratorsTable>;
