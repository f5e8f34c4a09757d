import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { SupportTicketStatus } from './tables';

/* The MikroORM mappings the read functions of these tables still use. */

export interface SupportTicketRow {
  ticketId: string;
  userId: string;
  subject: string;
  status: SupportTicketStatus;
  /** The log position of the ticket's opening: the cursor of the newest-first lists. */
  openedPosition: number;
  openedAt: Date;
  lastMessageAt: Date;
  messageCount: number;
  closedAt: Date | null;
  closedBy: string | null;
}

export const SupportTicketRow = new EntitySchema<SupportTicketRow>({
  name: 'SupportTicketRow',
  tableName: 'support_tickets',
  properties: {
    ticketId: { type: 'uuid', primary: true },
    userId: { type: 'text' },
    subject: { type: 'text' },
    status: { type: 'text' },
    openedPosition: { type: new BigIntType('number') },
    openedAt: { type: 'Date', columnType: 'timestamptz' },
    lastMessageAt: { type: 'Date', columnType: 'timestamptz' },
    messageCount: { type: 'integer' },
    closedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    closedBy: { type: 'text', nullable: true },
  },
});

export interface SupportTicketMessageRow {
  ticketId: string;
  position: number;
  authorId: string;
  byStaff: boolean;
  /** Sealed with the ticket owner's key. */
  body: string;
  writtenAt: Date;
}

export const SupportTicketMessageRow = new EntitySchema<SupportTicketMessageRow>({
  name: 'SupportTicketMessageRow',
  tableName: 'support_ticket_messages',
  properties: {
    ticketId: { type: 'uuid', primary: true },
    position: { type: new BigIntType('number'), primary: true },
    authorId: { type: 'text' },
    byStaff: { type: 'boolean' },
    body: { type: 'text' },
    writtenAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
