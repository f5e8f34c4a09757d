import { ApiProperty } from '@nestjs/swagger';
import type { FollowChannelOutcome } from '../commands/follow-channel';

export class FollowResponse {
  @ApiProperty({ description: "The channel's username." }) channel!: string;
  @ApiProperty() following!: boolean;
  @ApiProperty() liveNotifications!: boolean;
  @ApiProperty() followerCount!: number;
}

export function toFollowResponse(outcome: FollowChannelOutcome): FollowResponse {
  return { channel: outcome.channel, following: true, liveNotifications: outcome.liveNotifications, followerCount: outcome.followerCount };
}
