import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const FOLLOW_LIST_DEFAULT_LIMIT = 20;
export const FOLLOW_LIST_MAX_LIMIT = 100;

export class FollowListQueryDto {
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,15}$/, { message: 'after must be the nextCursor of a previous page' })
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: FOLLOW_LIST_MAX_LIMIT, default: FOLLOW_LIST_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(FOLLOW_LIST_MAX_LIMIT)
  limit?: number;
}
