import { ApiProperty } from '@nestjs/swagger';
import type { SupportTicketRow } from '@glint/projections';
import type { AccountState } from '../account-state/account-state';
import type { SupportHistoryPage } from '../commands/view-account-history';
import type { SupportTicketPage } from '../queries/support-tickets';
import type { OpenedTicket } from '../queries/support-tickets-query';

export class HistoryEntryResponse {
  @ApiProperty() position!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'UserLoggedIn' }) type!: string;
  @ApiProperty({ example: 'user-…' }) streamName!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ enum: ['actor', 'subject', 'both'] }) relation!: string;
  @ApiProperty({ description: 'Who caused it: a user with their role, or system/stripe/gateway.' }) actor!: object;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ nullable: true, type: String }) causationId!: string | null;
  @ApiProperty({ description: 'The event’s data, personal values opened; null where the owner’s account was erased.' }) data!: unknown;
}

export class HistoryPageResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: [HistoryEntryResponse] }) entries!: HistoryEntryResponse[];
  @ApiProperty({ nullable: true, type: Number, description: 'Pass as `before` for the next, older page; null on the last.' }) nextBefore!: number | null;
}

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

export class TicketListResponse {
  @ApiProperty({ type: [TicketSummaryResponse] }) tickets!: TicketSummaryResponse[];
  @ApiProperty({ nullable: true, type: Number, description: 'Pass as `before` for the next, older page; null on the last.' }) nextBefore!: number | null;
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

export function toHistoryPageResponse(userId: string, page: SupportHistoryPage): HistoryPageResponse {
  return {
    userId,
    entries: page.entries.map((entry) => ({ ...entry, occurredAt: entry.occurredAt.toISOString() })),
    nextBefore: page.nextBefore,
  };
}

export function toTicketSummaryResponse(ticket: SupportTicketRow): TicketSummaryResponse {
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

export function toTicketListResponse(page: SupportTicketPage): TicketListResponse {
  return { tickets: page.tickets.map(toTicketSummaryResponse), nextBefore: page.nextBefore };
}

export function toTicketResponse(opened: OpenedTicket): TicketResponse {
  return {
    ...toTicketSummaryResponse(opened.ticket),
    messages: opened.messages.map((message) => ({ ...message, writtenAt: message.writtenAt.toISOString() })),
  };
}

/** The account as it stood at `asOf`, rebuilt from the log (see `AccountState`). */
export class AccountStateResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: Object, nullable: true, description: 'username, email (null once erased), emailConfirmed, staffRole, twoFactorEnabled, global ban and streaming suspension, deleted' })
  profile!: AccountState['profile'];
  @ApiProperty({ type: Object, nullable: true, description: 'The channel settings and its moderators, or null when the account had no channel' })
  channel!: AccountState['channel'];
  @ApiProperty({ type: Object, isArray: true, description: 'Channels followed: channelId, liveNotifications' })
  follows!: AccountState['follows'];
  @ApiProperty({ type: Object, isArray: true, description: 'Channels where the account was banned or timed out' })
  moderationStanding!: AccountState['moderationStanding'];
  @ApiProperty({ type: Object, isArray: true, description: 'Channels the account moderated, with its permissions' })
  moderates!: AccountState['moderates'];
}
