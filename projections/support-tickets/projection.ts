import type { Recorded } from '@glint/eventstore';
import { defineProjection } from '@glint/projection-engine';
import type { SupportTicketClosed, SupportTicketOpened, SupportTicketReplied } from '@glint/support/events';
import { SupportTicketMessageRow, SupportTicketRow } from './entities';
import { supportTicketMessagesTable, supportTicketsTable } from './tables';

type TicketEvent = SupportTicketOpened | SupportTicketReplied | SupportTicketClosed;

const occurredAt = (event: Recorded<TicketEvent>): Date => new Date(event.metadata.occurredAt);

/** Support tickets and their conversations. */
export const supportTickets = defineProjection<TicketEvent>()({
  name: 'support_tickets',
  tables: { support_tickets: supportTicketsTable, support_ticket_messages: supportTicketMessagesTable },
  entities: [SupportTicketRow, SupportTicketMessageRow],
  handlers: {
    SupportTicketOpened: (event, tables) => {
      const { ticketId, userId, subject, body } = event.data;
      tables.support_tickets.put({
        ticket_id: ticketId,
        user_id: userId,
        subject,
        status: 'open',
        opened_position: event.position,
        opened_at: occurredAt(event),
        last_message_at: occurredAt(event),
        message_count: 1,
        closed_at: null,
        closed_by: null,
      });
      tables.support_ticket_messages.insert({ ticket_id: ticketId, position: event.position, author_id: userId, by_staff: false, body, written_at: occurredAt(event) });
    },
    SupportTicketReplied: (event, tables) => {
      const { ticketId, authorId, byStaff, body } = event.data;
      tables.support_tickets.set({ ticket_id: ticketId }, { last_message_at: occurredAt(event) });
      tables.support_tickets.add({ ticket_id: ticketId }, 'message_count', 1);
      tables.support_ticket_messages.insert({ ticket_id: ticketId, position: event.position, author_id: authorId, by_staff: byStaff, body, written_at: occurredAt(event) });
    },
    SupportTicketClosed: (event, tables) => {
      tables.support_tickets.set({ ticket_id: event.data.ticketId }, { status: 'closed', closed_at: occurredAt(event), closed_by: event.data.closedBy });
    },
  },
});
