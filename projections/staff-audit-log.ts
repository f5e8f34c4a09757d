import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { STAFF_ROLES } from '@glint/access';
import type { RecordedEvent } from '@glint/eventstore';
import { defineProjection } from '@glint/projection-engine';

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

/**
 * One thing staff did, or that was done to staff standing. The event's data is not copied: it may
 * hold sealed personal values and secrets' hashes; the entry points at the event by its position.
 */
export interface StaffAuditEntry {
  position: number;
  eventId: string;
  eventType: string;
  streamName: string;
  actorType: string;
  actorId: string | null;
  actorRole: string | null;
  subjectUserId: string | null;
  channelId: string | null;
  /** The stated reason or note, as recorded: sealed when the context sealed it. */
  reason: string | null;
  correlationId: string;
  occurredAt: Date;
}

export const StaffAuditEntry = new EntitySchema<StaffAuditEntry>({
  name: 'StaffAuditEntry',
  tableName: 'staff_audit_log',
  properties: {
    position: { type: new BigIntType('number'), primary: true },
    eventId: { type: 'uuid' },
    eventType: { type: 'text' },
    streamName: { type: 'text' },
    actorType: { type: 'text' },
    actorId: { type: 'text', nullable: true },
    actorRole: { type: 'text', nullable: true },
    subjectUserId: { type: 'text', nullable: true },
    channelId: { type: 'text', nullable: true },
    reason: { type: 'text', nullable: true },
    correlationId: { type: 'text' },
    occurredAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

export function isStaffAction(event: RecordedEvent): boolean {
  const actor = event.metadata.actor;
  if (actor.type === 'user' && (STAFF_ROLES as readonly string[]).includes(actor.role)) return true;
  return STAFF_ACTION_EVENTS.includes(event.type);
}

export function toStaffAuditEntry(event: RecordedEvent): StaffAuditEntry {
  const actor = event.metadata.actor;
  const actorId = actor.type === 'user' ? actor.userId : (actor.id ?? null);
  const data: Record<string, unknown> = event.data !== null && typeof event.data === 'object' && !Array.isArray(event.data) ? (event.data as Record<string, unknown>) : {};
  const text = (key: string): string | null => (typeof data[key] === 'string' && data[key] !== '' ? (data[key] as string) : null);
  const subjectOfStream = event.streamName.startsWith('user-') ? event.streamName.slice('user-'.length) : null;
  // The actor named again in the data (a staff member as moderatorId) is not whom it was done to.
  const subjectInData = SUBJECT_KEYS.map(text).find((userId) => userId !== null && userId !== actorId) ?? null;
  return {
    position: event.position,
    eventId: event.id,
    eventType: event.type,
    streamName: event.streamName,
    actorType: actor.type,
    actorId,
    actorRole: actor.type === 'user' ? actor.role : null,
    subjectUserId: subjectOfStream ?? subjectInData,
    channelId: text('channelId'),
    reason: text('reason') ?? text('note'),
    correlationId: event.metadata.correlationId,
    occurredAt: new Date(event.metadata.occurredAt),
  };
}

// Insert-only and keyed by position: an event is one entry however often the log is replayed.
export const staffAuditLog = defineProjection('staff_audit_log', {
  tables: ['staff_audit_log'],
  entities: [StaffAuditEntry],
  allEvents: (event) => (isStaffAction(event) ? [{ entity: StaffAuditEntry, rows: [toStaffAuditEntry(event)] }] : []),
});
