import { nullable, readModelTable, type RowOf } from '@glint/projection-engine';

/** One chat message of a channel, its text still sealed with the sender's key. */
export const chatHistoryTable = readModelTable('chat_history', {
  key: ['channel_id', 'message_id'],
  columns: {
    channel_id: 'text',
    message_id: 'text',
    position: 'bigint',
    sender_id: 'text',
    /** Null once the sender's account is deleted. */
    sender_username: nullable('text'),
    text_sealed: 'text',
    sent_at: 'timestamptz',
    deleted_at: nullable('timestamptz'),
  },
});
export type ChatHistoryTableRow = RowOf<typeof chatHistoryTable>;
