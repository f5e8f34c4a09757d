import { STAFF_ROLES } from '@glint/access';
import type { RecordedEvent } from '@glint/eventstore';
import { defineProjection } from '@glint/projection-engine';
import { StaffAuditEntry } from './entities';
import { staffAuditLogTable, type StaffAuditLogTableRow } from './tables';

/**
 * What identity and support record about staff work, whoever the actor (the CLI grants the first
 * admin as the system).
 */
export const STAFF_ACTION_EVENTS: readonly string[] = [
  'UserGloballyBanned',
  'UserGloballyUnbanned',
  'StreamingSuspended',
  'StreamingReinstated',
  'StaffRoleGranted',
  'StaffRoleRevoked',
  'SupportAccountViewed',
];

/** Where an event names the user it was done to, most telling first. */
const SUBJECT_KEYS = ['targetUserId', 'subjectUserId', 'userId', 'moderatorId', 'senderId', 'ownerId', 'reporterId', 'followerId', 'authorId'] as const;

export function isStaffAction(event: RecordedEvent): boolean {
  const actor = event.metadata.actor;
  if (actor.type === 'user' && (STAFF_ROLES as readonly string[]).includes(actor.role)) return true;
  return STAFF_ACTION_EVENTS.includes(event.type);
}

export function toStaffAuditEntry(event: RecordedEvent): StaffAuditLogTableRow {
  const actor = event.metadata.actor;
  const actorId = actor.type === 'user' ? actor.userId : (actor.id ?? null);
  const data: Record<string, unknown> = event.data !== null && typeof event.data === 'object' && !Array.isArray(event.data) ? (event.data as Record<string, unknown>) : {};
  const text = (key: string): string | null => (typeof data[key] === 'string' && data[key] !== '' ? (data[key] as string) : null);
  const subjectOfStream = event.streamName.startsWith('user-') ? event.streamName.slice('user-'.length) : null;
  // The actor named again in the data (a staff member as moderatorId) is not whom it was done to.
  const subjectInData = SUBJECT_KEYS.map(text).find((userId) => userId !== null && userId !== actorId) ?? null;
  return {
    position: event.position,
    event_id: event.id,
    event_type: event.type,
    stream_name: event.streamName,
    actor_type: actor.type,
    actor_id: actorId,
    actor_role: actor.type === 'user' ? actor.role : null,
    subject_user_id: subjectOfStream ?? subjectInData,
    channel_id: text('channelId'),
    reason: text('reason') ?? text('note'),
    correlation_id: event.metadata.correlationId,
    occurred_at: new Date(event.metadata.occurredAt),
  };
}

/** Every staff action, whatever the event's type: a log keyed by position, so a replay makes the same rows. */
export const staffAuditLog = defineProjection()({
  name: 'staff_audit_log',
  tables: { staff_audit_log: staffAuditLogTable },
  entities: [StaffAuditEntry],
  allEvents: (event, tables) => {
    if (isStaffAction(event)) tables.staff_audit_log.insert(toStaffAuditEntry(event));
  },
});
