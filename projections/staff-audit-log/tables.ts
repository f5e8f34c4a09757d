import { nullable, readModelTable, type RowOf } from '@glint/projection-engine';

/**
 * One thing staff did, or that was done to staff standing, keyed by its event's position. The
 * event's data is not copied: it may hold sealed personal values and secrets' hashes.
 */
export const staffAuditLogTable = readModelTable('staff_audit_log', {
  key: ['position'],
  columns: {
    position: 'bigint',
    event_id: 'uuid',
    event_type: 'text',
    stream_name: 'text',
    actor_type: 'text',
    actor_id: nullable('text'),
    actor_role: nullable('text'),
    subject_user_id: nullable('text'),
    channel_id: nullable('text'),
    /** The stated reason or note, as recorded: sealed when the context sealed it. */
    reason: nullable('text'),
    correlation_id: 'text',
    occurred_at: 'timestamptz',
  },
});
export type StaffAuditLogTableRow = RowOf<typeof staffAuditLogTable>;
