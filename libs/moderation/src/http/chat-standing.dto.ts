import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_TIMEOUT_SECONDS, MIN_TIMEOUT_SECONDS, TIMEOUT_PRESET_NAMES, type TimeoutPreset } from '../timeout-duration';
import { IsUsername } from './username-field';

export const MODERATION_REASON_MAX_LENGTH = 500;

export class TimeOutUserDto {
  @ApiProperty({ description: 'The username of the chatter to time out.', example: 'loud_larry' })
  @IsString()
  @IsUsername()
  user!: string;

  @ApiPropertyOptional({ minimum: MIN_TIMEOUT_SECONDS, maximum: MAX_TIMEOUT_SECONDS, description: 'How long, in seconds; or give `preset`.' })
  @IsOptional()
  @IsInt()
  @Min(MIN_TIMEOUT_SECONDS)
  @Max(MAX_TIMEOUT_SECONDS)
  durationSeconds?: number;

  @ApiPropertyOptional({ enum: TIMEOUT_PRESET_NAMES, description: '5 or 15 minutes; or give `durationSeconds`.' })
  @IsOptional()
  @IsIn(TIMEOUT_PRESET_NAMES)
  preset?: TimeoutPreset;

  @ApiPropertyOptional({ maxLength: MODERATION_REASON_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MODERATION_REASON_MAX_LENGTH)
  reason?: string;
}

export class BanUserDto {
  @ApiProperty({ description: 'The username of the chatter to ban from this channel.', example: 'loud_larry' })
  @IsString()
  @IsUsername()
  user!: string;

  @ApiPropertyOptional({ maxLength: MODERATION_REASON_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MODERATION_REASON_MAX_LENGTH)
  reason?: string;
}
