import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Page, PageRequest } from '@glint/api';
import { requireStaff, type Principal } from '@glint/access';
import type { PersonalDataVault } from '@glint/personal-data';
import { PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import type { ReportPlace, ReportReason, ReportResolution } from '../events';
import { MODERATING_STAFF_ROLES } from '../moderation-authority';
import { readUserReports, type ReportStatus } from '@glint/projections/user-reports';
import { readNamedUsers, type NamedUser } from '@glint/projections/moderation-usernames';

export interface QueuedReport {
  reportId: string;
  position: number;
  reporter: NamedUser;
  target: NamedUser;
  /** The channel where it happened: its id is its owner's, so it is named like a user. */
  channel: NamedUser | null;
  where: ReportPlace;
  why: ReportReason;
  /** Null when the reporter wrote none, or when the reporter's account was deleted since. */
  notes: string | null;
  status: ReportStatus;
  resolution: ReportResolution | null;
  resolutionNote: string | null;
  resolvedBy: NamedUser | null;
  reportedAt: Date;
  resolvedAt: Date | null;
}

/** The reports staff work through, newest first, with the reporters' notes opened for them. */
export class ListReportsQuery extends Query<Page<QueuedReport>> {
  constructor(
    readonly principal: Principal,
    readonly request: PageRequest & { status: ReportStatus },
  ) {
    super();
  }
}

@QueryHandler(ListReportsQuery)
export class ListReportsHandler implements IQueryHandler<ListReportsQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ principal, request }: ListReportsQuery): Promise<Page<QueuedReport>> {
    requireStaff(principal, MODERATING_STAFF_ROLES);
    const em = this.readModels.entityManager();
    const page = await readUserReports(em, request);
    const sealed = page.items.flatMap((row) => (row.notesSealed === null ? [] : [row.notesSealed]));
    // One look-up for the whole page's keys.
    const opened = sealed.length === 0 ? [] : await this.vault.openMany(sealed);
    const notes = new Map(sealed.map((value, index) => [value, opened[index]]));
    const named = await readNamedUsers(em, page.items.flatMap((row) => [row.reporterId, row.targetUserId, row.channelId, row.resolvedBy]));
    const nameOf = (userId: string | null): NamedUser | null => (userId === null ? null : named.get(userId)!);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((row) => ({
        reportId: row.reportId,
        position: row.position,
        reporter: nameOf(row.reporterId)!,
        target: nameOf(row.targetUserId)!,
        channel: nameOf(row.channelId),
        where: row.place,
        why: row.reason,
        notes: row.notesSealed === null ? null : (notes.get(row.notesSealed) ?? null),
        status: row.status,
        resolution: row.resolution,
        resolutionNote: row.resolutionNote,
        resolvedBy: nameOf(row.resolvedBy),
        reportedAt: row.reportedAt,
        resolvedAt: row.resolvedAt,
      })),
    };
  }
}
