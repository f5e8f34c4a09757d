import { BigIntType, EntitySchema } from '@mikro-orm/core';

/** A staff_audit_log row as the read functions see it (MikroORM maps it until the reads move to plain SQL). */
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
