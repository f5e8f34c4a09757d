import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageQueryDto } from '@glint/api';
import { VIEW_REASON_LENGTH } from '../account-view-decider';

export class AccountParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;
}

/** `types=A,B` and `types=A&types=B` both name several event types. */
function eventTypeList({ value }: { value: unknown }): unknown {
  const listed = Array.isArray(value) ? value : [value];
  if (!listed.every((item) => typeof item === 'string')) return value;
  return listed.flatMap((item: string) => item.split(',')).map((item) => item.trim()).filter((item) => item !== '');
}

export class AccountHistoryQueryDto extends PageQueryDto {
  @ApiProperty({ minLength: VIEW_REASON_LENGTH.min, maxLength: VIEW_REASON_LENGTH.max, description: 'Why you look: recorded with the look itself.' })
  @IsString()
  @Length(VIEW_REASON_LENGTH.min, VIEW_REASON_LENGTH.max)
  reason!: string;

  @ApiPropertyOptional({ description: 'Comma-separated event types, e.g. `UserLoggedIn,PasswordChanged`.', type: String })
  @IsOptional()
  @Transform(eventTypeList)
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Za-z][A-Za-z0-9]{0,99}$/, { each: true, message: 'each of types must be an event type name such as UserLoggedIn' })
  types?: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'Facts that happened at or after this time.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Facts that happened before this time.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AccountStateQueryDto {
  @ApiProperty({ minLength: VIEW_REASON_LENGTH.min, maxLength: VIEW_REASON_LENGTH.max, description: 'Why you look: recorded with the look itself.' })
  @IsString()
  @Length(VIEW_REASON_LENGTH.min, VIEW_REASON_LENGTH.max)
  reason!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'The moment to rebuild the account at; now when left out.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}
