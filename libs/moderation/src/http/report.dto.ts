import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { PageQueryDto } from '@glint/api';
import { REPORT_NOTES_MAX_LENGTH } from '../commands/report-user';
import { RESOLUTION_NOTE_MAX_LENGTH } from '../commands/resolve-report';
import { REPORT_PLACES, REPORT_REASONS, REPORT_RESOLUTIONS, type ReportPlace, type ReportReason, type ReportResolution } from '../events';
import { IsUsername } from './username-field';

export class ReportUserDto {
  @ApiProperty({ description: 'The username of the user reported.', example: 'loud_larry' })
  @IsString()
  @IsUsername()
  target!: string;

  @ApiProperty({ enum: REPORT_PLACES, description: 'Where it was seen.' })
  @IsIn(REPORT_PLACES)
  where!: ReportPlace;

  @ApiProperty({ enum: REPORT_REASONS })
  @IsIn(REPORT_REASONS)
  why!: ReportReason;

  @ApiPropertyOptional({ maxLength: REPORT_NOTES_MAX_LENGTH, description: 'What happened, for staff only.' })
  @IsOptional()
  @IsString()
  @MaxLength(REPORT_NOTES_MAX_LENGTH)
  notes?: string;

  @ApiPropertyOptional({ description: 'The username of the channel where it happened.' })
  @IsOptional()
  @IsString()
  @IsUsername()
  channel?: string;
}

export class ReportResolutionDto {
  @ApiProperty({ enum: REPORT_RESOLUTIONS })
  @IsIn(REPORT_RESOLUTIONS)
  resolution!: ReportResolution;

  @ApiProperty({ minLength: 1, maxLength: RESOLUTION_NOTE_MAX_LENGTH, description: 'What was done, or why nothing was.' })
  @IsString()
  @Length(1, RESOLUTION_NOTE_MAX_LENGTH)
  note!: string;
}

export class ReportIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  reportId!: string;
}

export const REPORT_STATUSES = ['open', 'resolved'] as const;

export class ReportQueueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REPORT_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(REPORT_STATUSES)
  status?: (typeof REPORT_STATUSES)[number];
}
