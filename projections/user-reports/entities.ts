import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { ReportPlace, ReportReason, ReportResolution } from '@glint/moderation/events';

/** A user_reports row as the read functions see it (MikroORM maps it until the reads move to plain SQL). */
export interface UserReportRow {
  reportId: string;
  /** The report's position in the log: the queue's order and page cursor. */
  position: number;
  reporterId: string;
  targetUserId: string;
  channelId: string | null;
  place: ReportPlace;
  reason: ReportReason;
  /** Still sealed with the reporter's key; opened only when staff read the queue. */
  notesSealed: string | null;
  status: 'open' | 'resolved';
  resolution: ReportResolution | null;
  resolutionNote: string | null;
  resolvedBy: string | null;
  reportedAt: Date;
  resolvedAt: Date | null;
}

export const UserReportRow = new EntitySchema<UserReportRow>({
  name: 'UserReportRow',
  tableName: 'user_reports',
  properties: {
    reportId: { type: 'uuid', primary: true },
    position: { type: new BigIntType('number') },
    reporterId: { type: 'text' },
    targetUserId: { type: 'text' },
    channelId: { type: 'text', nullable: true },
    place: { type: 'text' },
    reason: { type: 'text' },
    notesSealed: { type: 'text', nullable: true },
    status: { type: 'text' },
    resolution: { type: 'text', nullable: true },
    resolutionNote: { type: 'text', nullable: true },
    resolvedBy: { type: 'text', nullable: true },
    reportedAt: { type: 'Date', columnType: 'timestamptz' },
    resolvedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});
