import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsOptional, IsString } from 'class-validator';
import { CATEGORIES } from '../categories';
import { MAX_TAGS, SUBCATEGORY_MAX_LENGTH, TAG_MAX_LENGTH, TITLE_MAX_LENGTH } from '../channel-info';
import { LANGUAGES } from '../languages';
import { OptionalNotNull } from './optional-not-null-field';

/** What a channel page says; the channel's rules (lengths, the tag alphabet) are checked by the channel itself. */
export class ChannelInfoChangesDto {
  @ApiPropertyOptional({ description: `1–${TITLE_MAX_LENGTH} characters after trimming; no invisible characters.`, maxLength: TITLE_MAX_LENGTH, example: 'Speedrunning 🔴' })
  @OptionalNotNull()
  @IsString()
  title?: string;

  @ApiPropertyOptional({ enum: CATEGORIES, example: 'gaming' })
  @OptionalNotNull()
  @IsString()
  category?: string;

  @ApiPropertyOptional({ description: `Free text, at most ${SUBCATEGORY_MAX_LENGTH} characters; null or blank clears it.`, nullable: true, type: String, maxLength: SUBCATEGORY_MAX_LENGTH, example: 'Platformers' })
  @IsOptional()
  @IsString()
  subcategory?: string | null;

  @ApiPropertyOptional({
    description: `At most ${MAX_TAGS} after normalising: trimmed, lower-cased, spaces made hyphens, 1–${TAG_MAX_LENGTH} of [a-z0-9-], duplicates dropped.`,
    type: [String],
    example: ['speedrun', 'retro'],
  })
  @OptionalNotNull()
  @IsArray()
  @IsString({ each: true })
  tags?: string[];

  @ApiPropertyOptional({ description: 'An ISO 639-1 code.', enum: LANGUAGES, example: 'en' })
  @OptionalNotNull()
  @IsString()
  language?: string;

  @ApiPropertyOptional({ example: false })
  @OptionalNotNull()
  @IsBoolean()
  mature?: boolean;
}
