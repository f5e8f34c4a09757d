import type { ModeratorAppointed, ModeratorPermissions, ModeratorPermissionsChanged, ModeratorRemoved } from '@glint/channels';
import type { RecordedEvent } from '@glint/eventstore';
import { defineProjection } from '@glint/projection-engine';

type Recorded<Event extends { data: unknown }> = RecordedEvent<string, Event['data']>;

/** The identity context's fact that an account is gone. */
type AccountDeleted = { data: { userId: string } };

const permissionValues = (permissions: ModeratorPermissions): boolean[] => [
  permissions.timeout,
  permissions.unTimeout,
  permissions.ban,
  permissions.unban,
  permissions.deleteMessage,
  permissions.edit,
];

/** Every channel's moderators with their permissions: what moderation and chat check on each action. */
export const channelModerators = defineProjection('channel_moderators', {
  tables: ['channel_moderators'],
  entities: [],
  handlers: {
    ModeratorAppointed: async (event: Recorded<ModeratorAppointed>, em) => {
      const { channelId, moderatorId, moderatorUsername, permissions } = event.data;
      await em.execute(
        `INSERT INTO channel_moderators (channel_id, moderator_id, moderator_username, can_timeout, can_un_timeout, can_ban, can_unban, can_delete_message, can_edit, appointed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [channelId, moderatorId, moderatorUsername, ...permissionValues(permissions), new Date(event.metadata.occurredAt)],
        'run',
      );
    },
    ModeratorPermissionsChanged: async (event: Recorded<ModeratorPermissionsChanged>, em) => {
      const { channelId, moderatorId, permissions } = event.data;
      await em.execute(
        `UPDATE channel_moderators SET can_timeout = ?, can_un_timeout = ?, can_ban = ?, can_unban = ?, can_delete_message = ?, can_edit = ?
         WHERE channel_id = ? AND moderator_id = ?`,
        [...permissionValues(permissions), channelId, moderatorId],
        'run',
      );
    },
    ModeratorRemoved: async (event: Recorded<ModeratorRemoved>, em) => {
      await em.execute('DELETE FROM channel_moderators WHERE channel_id = ? AND moderator_id = ?', [event.data.channelId, event.data.moderatorId], 'run');
    },
    // A deleted account moderates nothing any more, though its appointment stays on record.
    AccountDeleted: async (event: Recorded<AccountDeleted>, em) => {
      await em.execute('UPDATE channel_moderators SET moderator_deleted = true WHERE moderator_id = ?', [event.data.userId], 'run');
    },
  },
});
