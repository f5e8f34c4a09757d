import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ChatHistoryRow } from './entities';

/** One message of a channel's chat, deleted or not; null when there is none with that id. */
export async function readChatHistoryRow(em: EntityManager, channelId: string, messageId: string): Promise<ChatHistoryRow | null> {
  return em.findOne(ChatHistoryRow, { channelId, messageId }, { disableIdentityMap: true });
}

/**
 * The channel's messages still shown, newest first: at most `limit`, sent before the log position
 * `before` when one is given, and from `since` on when given.
 */
export function readShownChatRows(em: EntityManager, channelId: string, options: { before: number | null; limit: number; since?: Date }): Promise<ChatHistoryRow[]> {
  const where: FilterQuery<ChatHistoryRow> = { channelId, deletedAt: null };
  if (options.since) where.sentAt = { $gte: options.since };
  if (options.before !== null) where.position = { $lt: options.before };
  return em.find(ChatHistoryRow, where, { orderBy: { position: 'desc' }, limit: options.limit, disableIdentityMap: true });
}
