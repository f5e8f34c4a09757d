import { EntitySchema } from '@mikro-orm/core';

/** A moderation_usernames row as the read functions see it (MikroORM maps it until the reads move to plain SQL). */
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
