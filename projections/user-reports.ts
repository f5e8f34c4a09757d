import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { RecordedEvent } from '@glint/eventstore';
import type { ReportPlace, ReportReason, ReportResolution, ReportResolved, UserReported } from '@glint/moderation';
import { defineProjection } from '@glint/projection-engine';

/** One user's report in the staff's queue: open until staff resolve it. */
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

// Plain SQL goes out at once and in order: a report filed and resolved within one batch ends resolved.
export const userReports = defineProjection('user_reports', {
  tables: ['user_reports'],
  entities: [UserReportRow],
  handlers: {
    UserReported: async (event: RecordedEvent<string, UserReported['data']>, em) => {
      const { reportId, reporterId, targetUserId, where, why, notes, channelId } = event.data;
      await em.execute(
        `INSERT INTO user_reports (report_id, position, reporter_id, target_user_id, channel_id, place, reason, notes_sealed, status, reported_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
        [reportId, event.position, reporterId, targetUserId, channelId ?? null, where, why, notes, new Date(event.metadata.occurredAt)],
        'run',
      );
    },
    ReportResolved: async (event: RecordedEvent<string, ReportResolved['data']>, em) => {
      const actor = event.metadata.actor;
      await em.execute(
        `UPDATE user_reports SET status = 'resolved', resolution = ?, resolution_note = ?, resolved_by = ?, resolved_at = ? WHERE report_id = ?`,
        [event.data.resolution, event.data.note, actor.type === 'user' ? actor.userId : null, new Date(event.metadata.occurredAt), event.data.reportId],
        'run',
      );
    },
  },
});
