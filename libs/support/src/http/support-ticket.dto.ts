import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { TICKET_BODY_MAX_LENGTH, TICKET_SUBJECT_MAX_LENGTH } from '../ticket-decider';
import { TICKET_PAGE_LIMIT } from '../queries/support-tickets';

const NOT_BLANK = /\S/;

export class OpenTicketDto {
  @ApiProperty({ maxLength: TICKET_SUBJECT_MAX_LENGTH, example: 'My payout did not arrive' })
  @IsString()
  @Length(1, TICKET_SUBJECT_MAX_LENGTH)
  @Matches(NOT_BLANK, { message: 'subject must not be blank' })
  subject!: string;

  @ApiProperty({ maxLength: TICKET_BODY_MAX_LENGTH })
  @IsString()
  @Length(1, TICKET_BODY_MAX_LENGTH)
  @Matches(NOT_BLANK, { message: 'body must not be blank' })
  body!: string;
}

export class TicketReplyDto {
  @ApiProperty({ maxLength: TICKET_BODY_MAX_LENGTH })
  @IsString()
  @Length(1, TICKET_BODY_MAX_LENGTH)
  @Matches(NOT_BLANK, { message: 'body must not be blank' })
  body!: string;
}

export class TicketParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  ticketId!: string;
}

export class TicketListQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';

  @ApiPropertyOptional({ description: 'The `nextBefore` of the previous page.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: TICKET_PAGE_LIMIT.max, default: TICKET_PAGE_LIMIT.default })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(TICKET_PAGE_LIMIT.max)
  limit?: number;
}
