import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { StaffAuditEntry } from '@glint/projections';
import { pageSize, toPage, type Page, type PageQuery } from './page';

/** One page of the staff audit log, newest first. */
export async function readStaffAuditLog(em: EntityManager, query: PageQuery = {}): Promise<Page<StaffAuditEntry>> {
  const limit = pageSize(query);
  const where: FilterQuery<StaffAuditEntry> = query.before === undefined ? {} : { position: { $lt: query.before } };
  const rows = await em.find(StaffAuditEntry, where, { orderBy: { position: 'desc' }, limit: limit + 1, disableIdentityMap: true });
  return toPage(rows, limit);
}
