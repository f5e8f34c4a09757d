import { ApiProperty } from '@nestjs/swagger';
import type { Page } from '@glint/api';
import type { FollowListEntry, FollowListPage } from '@glint/projections/follows';

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

/** How many follow the channel in all, beside the page of them. */
export class FollowerCountResponse {
  @ApiProperty() followerCount!: number;
}

/** How many channels the user follows in all, beside the page of them. */
export class FollowingCountResponse {
  @ApiProperty() followingCount!: number;
}

export type FollowersResponse = Page<FollowerResponse> & FollowerCountResponse;
export type FollowingResponse = Page<FollowedChannelResponse> & FollowingCountResponse;

export function toFollowersResponse(page: FollowListPage): FollowersResponse {
  return { followerCount: page.total, items: page.items.map((entry) => ({ userId: entry.userId, ...listed(entry) })), nextCursor: page.nextCursor };
}

export function toFollowingResponse(page: FollowListPage): FollowingResponse {
  return { followingCount: page.total, items: page.items.map((entry) => ({ channelId: entry.userId, ...listed(entry) })), nextCursor: page.nextCursor };
}

function listed(entry: FollowListEntry): { username: string | null; deleted: boolean; followedAt: string } {
  return { username: entry.username, deleted: entry.deleted, followedAt: entry.followedAt.toISOString() };
}
