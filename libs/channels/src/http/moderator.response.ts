import { ApiProperty } from '@nestjs/swagger';
import type { ModeratorView } from '@glint/projections/channel-moderators';
import { ModeratorPermissionsDto } from './moderator-permissions.dto';

export class ModeratorResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ type: ModeratorPermissionsDto }) permissions!: ModeratorPermissionsDto;
  @ApiProperty({ format: 'date-time' }) appointedAt!: string;
}

export function toModeratorResponse(moderator: ModeratorView): ModeratorResponse {
  return { userId: moderator.userId, username: moderator.username, permissions: moderator.permissions, appointedAt: moderator.appointedAt.toISOString() };
}
