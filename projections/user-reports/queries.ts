import type { EntityManager } from '@mikro-orm/postgresql';
import type { Page, PageRequest } from '@glint/api';
import { UserReportRow } from './entities';
import { readNewestFirst } from '../newest-first';

export type ReportStatus = UserReportRow['status'];

/** One page of the staff's report queue, newest first. */
export function readUserReports(em: EntityManager, request: PageRequest & { status: ReportStatus }): Promise<Page<UserReportRow>> {
  return readNewestFirst(em, UserReportRow, { status: request.status }, request);
}
