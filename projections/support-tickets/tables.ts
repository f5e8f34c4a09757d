import { nullable, readModelTable, type RowOf } from '@glint/projection-engine';

export type SupportTicketStatus = 'open' | 'closed';

/** One row per ticket, ordered by the log position of its opening (the cursor of newest-first lists). */
export const supportTicketsTable = readModelTable('support_tickets', {
  key: ['ticket_id'],
  columns: {
    ticket_id: 'uuid',
    user_id: 'text',
    subject: 'text',
    status: 'text',
    opened_position: 'bigint',
    opened_at: 'timestamptz',
    last_message_at: 'timestamptz',
    message_count: 'integer',
    closed_at: nullable('timestamptz'),
    closed_by: nullable('text'),
  },
});
export type SupportTicketsTableRow = RowOf<typeof supportTicketsTable>;

/** One row per message of a ticket, its body sealed with the ticket owner's key. */
export const supportTicketMessagesTable = readModelTable('support_ticket_messages', {
  key: ['ticket_id', 'position'],
  columns: { ticket_id: 'uuid', position: 'bigint', author_id: 'text', by_staff: 'boolean', body: 'text', written_at: 'timestamptz' },
});
export type SupportTicketMessagesTableRow = RowOf<typeof supportTicketMessagesTable>;
