import { ApiProperty } from '@nestjs/swagger';
import type { Page } from '@glint/api';
import type { SupportTicketRow } from '@glint/projections/support-tickets';
import type { OpenedTicket } from '../queries/get-support-ticket';

export class TicketSummaryResponse {
  @ApiProperty({ format: 'uuid' }) ticketId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time' }) lastMessageAt!: string;
  @ApiProperty() messageCount!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) closedBy!: string | null;
}

export class TicketMessageResponse {
  @ApiProperty() authorId!: string;
  @ApiProperty() byStaff!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Null once the ticket owner’s account was deleted.' }) body!: string | null;
  @ApiProperty({ format: 'date-time' }) writtenAt!: string;
}

export class TicketResponse extends TicketSummaryResponse {
  @ApiProperty({ type: [TicketMessageResponse] }) messages!: TicketMessageResponse[];
}

function toTicketSummaryResponse(ticket: SupportTicketRow): TicketSummaryResponse {
  return {
    ticketId: ticket.ticketId,
    userId: ticket.userId,
    subject: ticket.subject,
    status: ticket.status,
    openedAt: ticket.openedAt.toISOString(),
    lastMessageAt: ticket.lastMessageAt.toISOString(),
    messageCount: ticket.messageCount,
    closedAt: ticket.closedAt?.toISOString() ?? null,
    closedBy: ticket.closedBy,
  };
}

export function toTicketListResponse(page: Page<SupportTicketRow>): Page<TicketSummaryResponse> {
  return { items: page.items.map(toTicketSummaryResponse), nextCursor: page.nextCursor };
}

export function toTicketResponse(opened: OpenedTicket): TicketResponse {
  return {
    ...toTicketSummaryResponse(opened.ticket),
    messages: opened.messages.map((message) => ({ ...message, writtenAt: message.writtenAt.toISOString() })),
  };
}
