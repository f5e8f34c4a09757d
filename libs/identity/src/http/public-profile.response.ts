import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PublicProfile } from '../queries/get-public-profile';

export class PublicProfileResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ description: 'True once the account was deleted.' }) deleted!: boolean;
}

export const toPublicProfileResponse = (profile: PublicProfile): PublicProfileResponse => ({ ...profile, createdAt: profile.createdAt.toISOString() });
