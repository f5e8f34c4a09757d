import type { EntityManager } from '@mikro-orm/postgresql';
import type { PersonalDataVault } from '@glint/personal-data';
import { readShownChatRows } from '@glint/projections/chat-history';

/** A channel that shows recent chat only shows the messages of the last hour. */
export const RECENT_CHAT_ONLY_WINDOW_MS = 3_600_000;

/** A chat message as clients show it. */
export interface ChatMessageView {
  messageId: string;
  senderId: string;
  /** The sender's username; null once their account is deleted. */
  sender: string | null;
  /** Null once the sender's account is deleted: the message reads as removed. */
  text: string | null;
  sentAt: string;
}

export interface ChatHistoryChannel {
  channelId: string;
  chatSettings: { showRecentChatOnly: boolean };
}

/** A shown message with the log position it was sent at, which orders the chat and pages it. */
export interface ShownChatMessage {
  position: number;
  message: ChatMessageView;
}

/**
 * The channel's messages still shown, newest first: at most `limit`, sent before the log position
 * `before` when one is given. Their texts are opened with one key look-up.
 */
export async function readShownChatMessages(
  em: EntityManager,
  vault: Pick<PersonalDataVault, 'openMany'>,
  channel: ChatHistoryChannel,
  options: { before: number | null; limit: number; now: Date },
): Promise<ShownChatMessage[]> {
  const since = channel.chatSettings.showRecentChatOnly ? new Date(options.now.getTime() - RECENT_CHAT_ONLY_WINDOW_MS) : undefined;
  const rows = await readShownChatRows(em, channel.channelId, { before: options.before, limit: options.limit, since });
  if (rows.length === 0) return [];
  const texts = await vault.openMany(rows.map((row) => row.textSealed));
  return rows.map((row, index) => ({
    position: row.position,
    message: { messageId: row.messageId, senderId: row.senderId, sender: row.senderUsername, text: texts[index], sentAt: row.sentAt.toISOString() },
  }));
}
