import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '@glint/api';
import { CATEGORIES, LANGUAGES } from '@glint/channels';
import type { LiveListingSort } from '@glint/projections/streams';

const SORTS: readonly LiveListingSort[] = ['viewers', 'recent'];

/** `tags=a,b` and `tags=a&tags=b` both ask for streams carrying every one of them. */
function tagList({ value }: { value: unknown }): unknown {
  const listed = Array.isArray(value) ? value : [value];
  if (!listed.every((item) => typeof item === 'string')) return value;
  return listed.flatMap((item: string) => item.split(',')).map((item) => item.trim().toLowerCase()).filter((item) => item !== '');
}

/** Only the words true and false: any other text is a mistake, not a default. */
function booleanWord({ value }: { value: unknown }): unknown {
  return value === 'true' ? true : value === 'false' ? false : value;
}

/** A page of the live listing, filtered by category, tags, language and maturity. */
export class LiveListingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: string;

  @ApiPropertyOptional({ description: 'Comma-separated tags; a stream must carry all of them.', type: String, example: 'speedrun,retro' })
  @IsOptional()
  @Transform(tagList)
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[a-z0-9-]{1,25}$/, { each: true, message: 'each of tags must be 1–25 of a-z, 0-9 and -' })
  tags?: string[];

  @ApiPropertyOptional({ enum: LANGUAGES, description: 'An ISO 639-1 code.' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Left out: every stream; false: no mature streams; true: mature streams only.' })
  @IsOptional()
  @Transform(booleanWord)
  @IsBoolean()
  mature?: boolean;

  @ApiPropertyOptional({ enum: SORTS, default: 'viewers', description: 'viewers: most watched first; recent: newest first.' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: LiveListingSort;
}
