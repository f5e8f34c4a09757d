import type { EntityManager } from '@mikro-orm/postgresql';
import type { PersonalDataVault } from '@glint/personal-data';
import { readRecentChatRows } from '@glint/projections';

/** How many messages a join shows, and the most the history route serves. */
export const RECENT_CHAT_MESSAGES = 50;
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

/** The newest messages of the channel's chat still shown, oldest first, their texts opened with one key look-up. */
export async function readRecentChat(em: EntityManager, vault: Pick<PersonalDataVault, 'openMany'>, channel: ChatHistoryChannel, options: { limit: number; now: Date }): Promise<ChatMessageView[]> {
  const since = channel.chatSettings.showRecentChatOnly ? new Date(options.now.getTime() - RECENT_CHAT_ONLY_WINDOW_MS) : undefined;
  const rows = await readRecentChatRows(em, channel.channelId, { limit: options.limit, since });
  if (rows.length === 0) return [];
  const texts = await vault.openMany(rows.map((row) => row.textSealed));
  return rows.map((row, index) => ({ messageId: row.messageId, senderId: row.senderId, sender: row.senderUsername, text: texts[index], sentAt: row.sentAt.toISOString() }));
}
