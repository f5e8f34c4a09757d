import { ApiProperty } from '@nestjs/swagger';
import type { Page } from '@glint/api';
import type { StaffAuditTrailEntry } from '../queries/list-staff-audit-log';
import { toUserReference, UserReference } from './user-reference.response';

export class StaffAuditActorResponse {
  @ApiProperty({ description: '`user`, or `system` for facts recorded from the CLI.' }) type!: string;
  @ApiProperty({ type: UserReference, nullable: true }) user!: UserReference | null;
  @ApiProperty({ nullable: true, description: 'The staff role the actor held when acting.' }) role!: string | null;
}

export class StaffAuditEntryResponse {
  @ApiProperty() position!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'UserGloballyBanned' }) eventType!: string;
  @ApiProperty() streamName!: string;
  @ApiProperty({ type: StaffAuditActorResponse }) actor!: StaffAuditActorResponse;
  @ApiProperty({ type: UserReference, nullable: true, description: 'Whom it was done to, when anyone.' }) subject!: UserReference | null;
  @ApiProperty({ nullable: true }) channelId!: string | null;
  @ApiProperty({ nullable: true }) reason!: string | null;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

export function toStaffAuditLogResponse(page: Page<StaffAuditTrailEntry>): Page<StaffAuditEntryResponse> {
  return { items: page.items.map(toStaffAuditEntryResponse), nextCursor: page.nextCursor };
}

function toStaffAuditEntryResponse(entry: StaffAuditTrailEntry): StaffAuditEntryResponse {
  return {
    position: entry.position,
    eventId: entry.eventId,
    eventType: entry.eventType,
    streamName: entry.streamName,
    actor: { type: entry.actor.type, user: entry.actor.user && toUserReference(entry.actor.user), role: entry.actor.role },
    subject: entry.subject && toUserReference(entry.subject),
    channelId: entry.channelId,
    reason: entry.reason,
    correlationId: entry.correlationId,
    occurredAt: entry.occurredAt.toISOString(),
  };
}
