import { BigIntType, EntitySchema } from '@mikro-orm/core';

/** A chat_history row as the read functions see it (MikroORM maps it until the reads move to plain SQL). */
export interface ChatHistoryRow {
  channelId: string;
  messageId: string;
  position: number;
  senderId: string;
  /** Null once the sender's account is deleted. */
  senderUsername: string | null;
  textSealed: string;
  sentAt: Date;
  deletedAt: Date | null;
}

export const ChatHistoryRow = new EntitySchema<ChatHistoryRow>({
  name: 'ChatHistoryRow',
  tableName: 'chat_history',
  properties: {
    channelId: { type: 'text', primary: true },
    messageId: { type: 'text', primary: true },
    position: { type: new BigIntType('number') },
    senderId: { type: 'text' },
    senderUsername: { type: 'text', nullable: true },
    textSealed: { type: 'text' },
    sentAt: { type: 'Date', columnType: 'timestamptz' },
    deletedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});
