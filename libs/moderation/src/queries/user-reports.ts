import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { UserReportRow } from '@glint/projections';
import { pageSize, toPage, type Page, type PageQuery } from './page';

export type ReportStatus = UserReportRow['status'];

/** One page of the staff's report queue, newest first. */
export async function readUserReports(em: EntityManager, query: PageQuery & { status: ReportStatus }): Promise<Page<UserReportRow>> {
  const limit = pageSize(query);
  const where: FilterQuery<UserReportRow> = { status: query.status };
  if (query.before !== undefined) where.position = { $lt: query.before };
  const rows = await em.find(UserReportRow, where, { orderBy: { position: 'desc' }, limit: limit + 1, disableIdentityMap: true });
  return toPage(rows, limit);
}
