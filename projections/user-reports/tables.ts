import { nullable, readModelTable, type RowOf } from '@glint/projection-engine';

/** One user's report in the staff's queue, ordered by its position in the log: open until staff resolve it. */
export const userReportsTable = readModelTable('user_reports', {
  key: ['report_id'],
  columns: {
    report_id: 'uuid',
    position: 'bigint',
    reporter_id: 'text',
    target_user_id: 'text',
    channel_id: nullable('text'),
    place: 'text',
    reason: 'text',
    /** Still sealed with the reporter's key; opened only when staff read the queue. */
    notes_sealed: nullable('text'),
    status: 'text',
    resolution: nullable('text'),
    resolution_note: nullable('text'),
    resolved_by: nullable('text'),
    reported_at: 'timestamptz',
    resolved_at: nullable('timestamptz'),
  },
});
export type UserReportsTableRow = RowOf<typeof userReportsTable>;
