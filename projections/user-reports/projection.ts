import type { ReportResolved, UserReported } from '@glint/moderation/events';
import { defineProjection } from '@glint/projection-engine';
import { UserReportRow } from './entities';
import { userReportsTable } from './tables';

/** The staff's queue of user reports. */
export const userReports = defineProjection<UserReported | ReportResolved>()({
  name: 'user_reports',
  tables: { user_reports: userReportsTable },
  entities: [UserReportRow],
  handlers: {
    UserReported: (event, tables) => {
      const { reportId, reporterId, targetUserId, where, why, notes, channelId } = event.data;
      tables.user_reports.put({
        report_id: reportId,
        position: event.position,
        reporter_id: reporterId,
        target_user_id: targetUserId,
        channel_id: channelId ?? null,
        place: where,
        reason: why,
        notes_sealed: notes,
        status: 'open',
        resolution: null,
        resolution_note: null,
        resolved_by: null,
        reported_at: new Date(event.metadata.occurredAt),
        resolved_at: null,
      });
    },
    ReportResolved: (event, tables) => {
      const actor = event.metadata.actor;
      tables.user_reports.set(
        { report_id: event.data.reportId },
        {
          status: 'resolved',
          resolution: event.data.resolution,
          resolution_note: event.data.note,
          resolved_by: actor.type === 'user' ? actor.userId : null,
          resolved_at: new Date(event.metadata.occurredAt),
        },
      );
    },
  },
});
