import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Page, PageRequest } from '@glint/api';
import { requireStaff, type Principal } from '@glint/access';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { MODERATING_STAFF_ROLES } from '../moderation-authority';
import { readStaffAuditLog } from '@glint/projections/staff-audit-log';
import { readNamedUsers, type NamedUser } from '@glint/projections/moderation-usernames';

export interface StaffAuditTrailEntry {
  position: number;
  eventId: string;
  eventType: string;
  streamName: string;
  /** The staff member who acted, or the system (the CLI) for facts recorded without one. */
  actor: { type: string; user: NamedUser | null; role: string | null };
  subject: NamedUser | null;
  channelId: string | null;
  /** The reason given, as its author wrote it (no staff reason is sealed); null when none was given. */
  reason: string | null;
  correlationId: string;
  occurredAt: Date;
}

/**
 * What staff did, newest first, for admins and support. Analysts read figures, not who looked at
 * whose account.
 */
export class ListStaffAuditLogQuery extends Query<Page<StaffAuditTrailEntry>> {
  constructor(
    readonly principal: Principal,
    readonly page: PageRequest,
  ) {
    super();
  }
}

@QueryHandler(ListStaffAuditLogQuery)
export class ListStaffAuditLogHandler implements IQueryHandler<ListStaffAuditLogQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute({ principal, page: request }: ListStaffAuditLogQuery): Promise<Page<StaffAuditTrailEntry>> {
    requireStaff(principal, MODERATING_STAFF_ROLES);
    const em = this.readModels.entityManager();
    const page = await readStaffAuditLog(em, request);
    const named = await readNamedUsers(em, page.items.flatMap((row) => [row.actorType === 'user' ? row.actorId : null, row.subjectUserId]));
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((row) => ({
        position: row.position,
        eventId: row.eventId,
        eventType: row.eventType,
        streamName: row.streamName,
        actor: { type: row.actorType, user: row.actorType === 'user' && row.actorId !== null ? named.get(row.actorId)! : null, role: row.actorRole },
        subject: row.subjectUserId === null ? null : named.get(row.subjectUserId)!,
        channelId: row.channelId,
        reason: row.reason,
        correlationId: row.correlationId,
        occurredAt: row.occurredAt,
      })),
    };
  }
}
