import { EntitySchema } from '@mikro-orm/core';
import type { RecordedEvent } from '@glint/eventstore';
import type { AccountDeleted, UserRegistered } from '@glint/identity';
import { defineProjection } from '@glint/projection-engine';

/**
 * The public handle of every account, for the moderation log, the report queue and the staff audit
 * log to say who did what. A username is not personal data: it stays after the account is deleted,
 * marked as deleted, so those logs keep naming the people in them.
 */
export interface ModerationUsernameRow {
  userId: string;
  username: string;
  deleted: boolean;
}

export const ModerationUsernameRow = new EntitySchema<ModerationUsernameRow>({
  name: 'ModerationUsernameRow',
  tableName: 'moderation_usernames',
  properties: {
    userId: { type: 'text', primary: true },
    username: { type: 'text' },
    deleted: { type: 'boolean' },
  },
});

export const moderationUsernames = defineProjection('moderation_usernames', {
  tables: ['moderation_usernames'],
  entities: [ModerationUsernameRow],
  handlers: {
    UserRegistered: async (event: RecordedEvent<string, UserRegistered['data']>, em) => {
      await em.execute('INSERT INTO moderation_usernames (user_id, username) VALUES (?, ?)', [event.data.userId, event.data.username], 'run');
    },
    AccountDeleted: async (event: RecordedEvent<string, AccountDeleted['data']>, em) => {
      await em.execute('UPDATE moderation_usernames SET deleted = true WHERE user_id = ?', [event.data.userId], 'run');
    },
  },
});
