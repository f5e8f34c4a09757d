import type { AccountDeleted, UserRegistered } from '@glint/identity/events';
import { defineProjection } from '@glint/projection-engine';
import { ModerationUsernameRow } from './entities';
import { moderationUsernamesTable } from './tables';

export const moderationUsernames = defineProjection<UserRegistered | AccountDeleted>()({
  name: 'moderation_usernames',
  tables: { moderation_usernames: moderationUsernamesTable },
  entities: [ModerationUsernameRow],
  handlers: {
    UserRegistered: ({ data }, tables) => tables.moderation_usernames.put({ user_id: data.userId, username: data.username, deleted: false }),
    AccountDeleted: ({ data }, tables) => tables.moderation_usernames.set({ user_id: data.userId }, { deleted: true }),
  },
});
