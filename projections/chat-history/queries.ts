import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ChatHistoryRow } from './entities';

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
