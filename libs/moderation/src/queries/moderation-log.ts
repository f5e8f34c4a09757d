import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ModerationLogRow } from '@glint/projections';
import { pageSize, toPage, type Page, type PageQuery } from './page';

/** One page of a channel's moderation log, newest first. */
export async function readModerationLog(em: EntityManager, channelId: string, query: PageQuery = {}): Promise<Page<ModerationLogRow>> {
  const limit = pageSize(query);
  const where: FilterQuery<ModerationLogRow> = { channelId };
  if (query.before !== undefined) where.position = { $lt: query.before };
  const rows = await em.find(ModerationLogRow, where, { orderBy: { position: 'desc' }, limit: limit + 1, disableIdentityMap: true });
  return toPage(rows, limit);
}
