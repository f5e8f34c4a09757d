import { EntitySchema } from '@mikro-orm/core';

/** A chat_standing row as the read functions see it (MikroORM maps it until the reads move to plain SQL). */
export interface ChatStandingRow {
  channelId: string;
  userId: string;
  banned: boolean;
  /** The end of the latest timeout; kept after it runs out, readers compare it with their now. */
  timedOutUntil: Date | null;
}

export const ChatStandingRow = new EntitySchema<ChatStandingRow>({
  name: 'ChatStandingRow',
  tableName: 'chat_standing',
  properties: {
    channelId: { type: 'text', primary: true },
    userId: { type: 'text', primary: true },
    banned: { type: 'boolean' },
    timedOutUntil: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});
