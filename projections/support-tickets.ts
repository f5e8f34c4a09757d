import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { RecordedEvent } from '@glint/eventstore';
import { defineProjection } from '@glint/projection-engine';
import type { SupportTicketClosed, SupportTicketOpened, SupportTicketReplied } from '@glint/support';

export type SupportTicketStatus = 'open' | 'closed';

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

const occurredAt = (event: RecordedEvent): Date => new Date(event.metadata.occurredAt);

const INSERT_MESSAGE = 'INSERT INTO support_ticket_messages (ticket_id, position, author_id, by_staff, body, written_at) VALUES (?, ?, ?, ?, ?, ?)';

// Plain SQL, which goes out at once and in order, so batch boundaries never change the rows.
export const supportTickets = defineProjection('support_tickets', {
  tables: ['support_tickets', 'support_ticket_messages'],
  entities: [SupportTicketRow, SupportTicketMessageRow],
  handlers: {
    SupportTicketOpened: async (event: RecordedEvent<string, SupportTicketOpened['data']>, em) => {
      const { ticketId, userId, subject, body } = event.data;
      await em.execute(
        `INSERT INTO support_tickets (ticket_id, user_id, subject, status, opened_position, opened_at, last_message_at, message_count)
         VALUES (?, ?, ?, 'open', ?, ?, ?, 1)`,
        [ticketId, userId, subject, event.position, occurredAt(event), occurredAt(event)],
        'run',
      );
      await em.execute(INSERT_MESSAGE, [ticketId, event.position, userId, false, body, occurredAt(event)], 'run');
    },
    SupportTicketReplied: async (event: RecordedEvent<string, SupportTicketReplied['data']>, em) => {
      const { ticketId, authorId, byStaff, body } = event.data;
      await em.execute('UPDATE support_tickets SET last_message_at = ?, message_count = message_count + 1 WHERE ticket_id = ?', [occurredAt(event), ticketId], 'run');
      await em.execute(INSERT_MESSAGE, [ticketId, event.position, authorId, byStaff, body, occurredAt(event)], 'run');
    },
    SupportTicketClosed: async (event: RecordedEvent<string, SupportTicketClosed['data']>, em) => {
      await em.execute(`UPDATE support_tickets SET status = 'closed', closed_at = ?, closed_by = ? WHERE ticket_id = ?`, [occurredAt(event), event.data.closedBy, event.data.ticketId], 'run');
    },
  },
});
