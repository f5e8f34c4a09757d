import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Page } from '@glint/api';
import { MODERATION_ACTIONS, type ModerationAction } from '@glint/projections/moderation-log';
import type { ModerationLogEntry, ModerationLogPage } from '../queries/list-moderation-log';
import { toUserReference, UserReference } from './user-reference.response';

export class ModerationLogEntryResponse {
  @ApiProperty({ description: 'Where the entry sits in the event log.' }) position!: number;
  @ApiProperty({ enum: MODERATION_ACTIONS }) action!: ModerationAction;
  @ApiProperty({ type: UserReference }) moderator!: UserReference;
  @ApiProperty({ type: UserReference }) target!: UserReference;
  @ApiPropertyOptional({ nullable: true }) durationSeconds!: number | null;
  @ApiPropertyOptional({ nullable: true }) reason!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'The deleted message, for `delete_message`.' }) messageId!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

/** Whose log the page is, beside the page itself. */
export class ModerationLogChannelResponse {
  @ApiProperty({ description: 'The channel’s username.' }) channel!: string;
}

export type ModerationLogResponse = Page<ModerationLogEntryResponse> & ModerationLogChannelResponse;

export function toModerationLogResponse(page: ModerationLogPage): ModerationLogResponse {
  return { channel: page.channel.username, items: page.items.map(toModerationLogEntryResponse), nextCursor: page.nextCursor };
}

function toModerationLogEntryResponse(entry: ModerationLogEntry): ModerationLogEntryResponse {
  return {
    position: entry.position,
    action: entry.action,
    moderator: toUserReference(entry.moderator),
    target: toUserReference(entry.target),
    durationSeconds: entry.durationSeconds,
    reason: entry.reason,
    messageId: entry.messageId,
    occurredAt: entry.occurredAt.toISOString(),
  };
}
