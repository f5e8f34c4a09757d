import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageQueryDto } from '@glint/api';
import { TICKET_BODY_MAX_LENGTH, TICKET_SUBJECT_MAX_LENGTH } from '../ticket-decider';

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

export class TicketListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';
}
