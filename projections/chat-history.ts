import { BigIntType, EntitySchema, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RecordedEvent } from '@glint/eventstore';
import type { ChatMessageDeleted, ChatMessageSent } from '@glint/chat';
import { defineProjection } from '@glint/projection-engine';

/** One chat message of a channel, its text still sealed with the sender's key. */
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

type Sent = RecordedEvent<string, ChatMessageSent['data']>;
type Deleted = RecordedEvent<string, ChatMessageDeleted['data']>;
type AccountDeleted = RecordedEvent<string, { userId: string }>;

export const chatHistory = defineProjection('chat_history', {
  tables: ['chat_history'],
  entities: [ChatHistoryRow],
  handlers: {
    ChatMessageSent: (event: Sent, em) => {
      const { channelId, messageId, senderId, senderUsername, text } = event.data;
      em.create(ChatHistoryRow, { channelId, messageId, position: event.position, senderId, senderUsername, textSealed: text, sentAt: new Date(event.metadata.occurredAt), deletedAt: null });
    },
    ChatMessageDeleted: async (event: Deleted, em) => {
      // findOne flushes first, so a message sent earlier in the same batch is found.
      const row = await em.findOne(ChatHistoryRow, { channelId: event.data.channelId, messageId: event.data.messageId });
      if (row && row.deletedAt === null) row.deletedAt = new Date(event.metadata.occurredAt);
    },
    // The public handle of a deleted account is no longer shown; the sealed texts need no change.
    AccountDeleted: async (event: AccountDeleted, em) => {
      await em.flush();
      await em.nativeUpdate(ChatHistoryRow, { senderId: event.data.userId }, { senderUsername: null });
    },
  },
});

/** The newest messages of a channel still shown, oldest first; with `since`, only those sent from then on. */
export async function readRecentChatRows(em: EntityManager, channelId: string, options: { limit: number; since?: Date }): Promise<ChatHistoryRow[]> {
  const where: FilterQuery<ChatHistoryRow> = { channelId, deletedAt: null };
  if (options.since) where.sentAt = { $gte: options.since };
  const rows = await em.find(ChatHistoryRow, where, { orderBy: { position: 'desc' }, limit: options.limit, disableIdentityMap: true });
  return rows.reverse();
}

/** One message of a channel's chat, deleted or not; null when there is none with that id. */
export async function readChatHistoryRow(em: EntityManager, channelId: string, messageId: string): Promise<ChatHistoryRow | null> {
  return em.findOne(ChatHistoryRow, { channelId, messageId }, { disableIdentityMap: true });
}
