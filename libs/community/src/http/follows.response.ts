import { ApiProperty } from '@nestjs/swagger';
import type { FollowChannelOutcome } from '../commands/follow-channel';
import type { FollowListEntry, FollowListPage } from '../queries/follow-lists';

export class FollowResponse {
  @ApiProperty({ description: "The channel's username." }) channel!: string;
  @ApiProperty() following!: boolean;
  @ApiProperty() liveNotifications!: boolean;
  @ApiProperty() followerCount!: number;
}

export class FollowerResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for a deleted account.' }) username!: string | null;
  @ApiProperty() deleted!: boolean;
  @ApiProperty({ format: 'date-time' }) followedAt!: string;
}

export class FollowedChannelResponse {
  @ApiProperty({ format: 'uuid' }) channelId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for a deleted account.' }) username!: string | null;
  @ApiProperty() deleted!: boolean;
  @ApiProperty({ format: 'date-time' }) followedAt!: string;
}

export class FollowersResponse {
  @ApiProperty() followerCount!: number;
  @ApiProperty({ type: [FollowerResponse] }) followers!: FollowerResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last.' }) nextCursor!: string | null;
}

export class FollowingResponse {
  @ApiProperty() followingCount!: number;
  @ApiProperty({ type: [FollowedChannelResponse] }) following!: FollowedChannelResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last.' }) nextCursor!: string | null;
}

export function toFollowResponse(outcome: FollowChannelOutcome): FollowResponse {
  return { channel: outcome.channel, following: true, liveNotifications: outcome.liveNotifications, followerCount: outcome.followerCount };
}

export function toFollowersResponse(page: FollowListPage): FollowersResponse {
  return { followerCount: page.total, followers: page.entries.map((entry) => ({ userId: entry.userId, ...listed(entry) })), nextCursor: page.nextCursor };
}

export function toFollowingResponse(page: FollowListPage): FollowingResponse {
  return { followingCount: page.total, following: page.entries.map((entry) => ({ channelId: entry.userId, ...listed(entry) })), nextCursor: page.nextCursor };
}

function listed(entry: FollowListEntry): { username: string | null; deleted: boolean; followedAt: string } {
  return { username: entry.username, deleted: entry.deleted, followedAt: entry.followedAt.toISOString() };
}
