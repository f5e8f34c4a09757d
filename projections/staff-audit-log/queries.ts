import type { EntityManager } from '@mikro-orm/postgresql';
import type { Page, PageRequest } from '@glint/api';
import { StaffAuditEntry } from './entities';
import { readNewestFirst } from '../newest-first';

/** One page of the staff audit log, newest first. */
export function readStaffAuditLog(em: EntityManager, request: PageRequest = {}): Promise<Page<StaffAuditEntry>> {
  return readNewestFirst(em, StaffAuditEntry, {}, request);
}
