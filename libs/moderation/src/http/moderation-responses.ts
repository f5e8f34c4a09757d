import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MODERATION_ACTIONS, type ModerationAction } from '@glint/projections';
import type { ChangedStanding } from '../commands/change-chat-standing';
import type { ModerationLogEntry } from '../queries/channel-moderation-log';
import type { Page } from '../queries/page';
import type { UserStanding } from '../queries/user-standing';
import type { NamedUser } from '../queries/usernames';

export class UserReference {
  @ApiProperty() userId!: string;
  @ApiProperty({ nullable: true, description: 'Null for an id no account was registered under.' }) username!: string | null;
  @ApiProperty({ description: 'The account was deleted; its username is kept so logs still say who it was.' }) deleted!: boolean;
}

export class TimeoutResponse {
  @ApiProperty({ description: 'The channel’s username.' }) channel!: string;
  @ApiProperty() user!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ format: 'date-time', description: 'When the timeout ends on its own.' }) until!: string;
}

export class BanResponse {
  @ApiProperty() channel!: string;
  @ApiProperty() user!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() banned!: boolean;
}

export class StandingResponse {
  @ApiProperty() channel!: string;
  @ApiProperty() user!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() banned!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'The end of a timeout still running; null when none is.' }) timedOutUntil!: string | null;
}

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

export class ModerationLogResponse {
  @ApiProperty() channel!: string;
  @ApiProperty({ type: [ModerationLogEntryResponse] }) entries!: ModerationLogEntryResponse[];
  @ApiProperty({ nullable: true, description: 'Pass as `before` for the next, older page.' }) nextBefore!: number | null;
}

export function toUserReference(user: NamedUser): UserReference {
  return { userId: user.userId, username: user.username, deleted: user.deleted };
}

export function toTimeoutResponse(changed: ChangedStanding): TimeoutResponse {
  return { channel: changed.channel.username, user: changed.target.username, userId: changed.target.userId, until: changed.standing.timedOutUntil! };
}

export function toBanResponse(changed: ChangedStanding): BanResponse {
  return { channel: changed.channel.username, user: changed.target.username, userId: changed.target.userId, banned: changed.standing.banned };
}

export function toStandingResponse(standing: UserStanding): StandingResponse {
  return {
    channel: standing.channel.username,
    user: standing.user.username,
    userId: standing.user.userId,
    banned: standing.banned,
    timedOutUntil: standing.timedOutUntil?.toISOString() ?? null,
  };
}

export function toModerationLogResponse(page: Page<ModerationLogEntry> & { channel: { username: string } }): ModerationLogResponse {
  return {
    channel: page.channel.username,
    nextBefore: page.nextBefore,
    entries: page.entries.map((entry) => ({
      position: entry.position,
      action: entry.action,
      moderator: toUserReference(entry.moderator),
      target: toUserReference(entry.target),
      durationSeconds: entry.durationSeconds,
      reason: entry.reason,
      messageId: entry.messageId,
      occurredAt: entry.occurredAt.toISOString(),
    })),
  };
}
