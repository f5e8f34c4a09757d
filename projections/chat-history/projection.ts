import type { ChatMessageDeleted, ChatMessageSent } from '@glint/chat/events';
import type { AccountDeleted } from '@glint/identity/events';
import { defineProjection } from '@glint/projection-engine';
import { ChatHistoryRow } from './entities';
import { chatHistoryTable } from './tables';

/** Every channel's chat messages, shown or deleted. */
export const chatHistory = defineProjection<ChatMessageSent | ChatMessageDeleted | AccountDeleted>()({
  name: 'chat_history',
  tables: { chat_history: chatHistoryTable },
  entities: [ChatHistoryRow],
  handlers: {
    ChatMessageSent: (event, tables) => {
      const { channelId, messageId, senderId, senderUsername, text } = event.data;
      tables.chat_history.put({
        channel_id: channelId,
        message_id: messageId,
        position: event.position,
        sender_id: senderId,
        sender_username: senderUsername,
        text_sealed: text,
        sent_at: new Date(event.metadata.occurredAt),
        deleted_at: null,
      });
    },
    // The first deletion's time stays: two moderators deleting at once both append one.
    ChatMessageDeleted: async (event, tables) => {
      const key = { channel_id: event.data.channelId, message_id: event.data.messageId };
      const row = await tables.chat_history.get(key);
      if (row && row.deleted_at === null) tables.chat_history.set(key, { deleted_at: new Date(event.metadata.occurredAt) });
    },
    // The public handle of a deleted account is no longer shown; the sealed texts need no change.
    AccountDeleted: ({ data }, tables) => tables.chat_history.updateWhere({ sender_id: data.userId }, { sender_username: null }),
  },
});
