import { ApiProperty } from '@nestjs/swagger';
import type { ChangedStanding } from '../commands/change-chat-standing';
import type { UserStanding } from '../queries/get-user-standing';

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
