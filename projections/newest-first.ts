import type { EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pageSize, positionCursor, toPage, type Page, type PageRequest } from '@glint/api';

/** One page of a moderation list: rows keyed by their log position, newest first. */
export async function readNewestFirst<Row extends { position: number }>(em: EntityManager, entity: EntityName<Row>, where: FilterQuery<Row>, request: PageRequest): Promise<Page<Row>> {
  const limit = pageSize(request);
  const before = positionCursor.decode(request.cursor);
  const older = (before === null ? where : { ...where, position: { $lt: before } }) as FilterQuery<Row>;
  // One extra row tells whether an older page exists, without a count.
  const rows = await em.find(entity, older, { orderBy: { position: 'desc' } as QueryOrderMap<Row>, limit: limit + 1, disableIdentityMap: true });
  return toPage(rows, limit, (row) => positionCursor.encode(row.position));
}
