import type { ModeratorAppointed, ModeratorPermissions, ModeratorPermissionsChanged, ModeratorRemoved } from '@glint/channels/events';
import type { AccountDeleted } from '@glint/identity/events';
import { defineProjection } from '@glint/projection-engine';
import { channelModeratorsTable } from './tables';

const permissionColumns = (permissions: ModeratorPermissions) => ({
  can_timeout: permissions.timeout,
  can_un_timeout: permissions.unTimeout,
  can_ban: permissions.ban,
  can_unban: permissions.unban,
  can_delete_message: permissions.deleteMessage,
  can_edit: permissions.edit,
});

/** Every channel's moderators with their permissions: what moderation and chat check on each action. */
export const channelModerators = defineProjection<ModeratorAppointed | ModeratorPermissionsChanged | ModeratorRemoved | AccountDeleted>()({
  name: 'channel_moderators',
  tables: { channel_moderators: channelModeratorsTable },
  handlers: {
    ModeratorAppointed: (event, tables) => {
      const { channelId, moderatorId, moderatorUsername, permissions } = event.data;
      tables.channel_moderators.put({
        channel_id: channelId,
        moderator_id: moderatorId,
        moderator_username: moderatorUsername,
        ...permissionColumns(permissions),
        moderator_deleted: false,
        appointed_at: new Date(event.metadata.occurredAt),
      });
    },
    ModeratorPermissionsChanged: ({ data }, tables) => {
      tables.channel_moderators.set({ channel_id: data.channelId, moderator_id: data.moderatorId }, permissionColumns(data.permissions));
    },
    ModeratorRemoved: ({ data }, tables) => tables.channel_moderators.remove({ channel_id: data.channelId, moderator_id: data.moderatorId }),
    // A deleted account moderates nothing any more, though its appointment stays on record.
    AccountDeleted: ({ data }, tables) => tables.channel_moderators.updateWhere({ moderator_id: data.userId }, { moderator_deleted: true }),
  },
});
