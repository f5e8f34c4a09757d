import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@glint/domain-errors';
import { unreachable, type Decider } from '@glint/event-sourcing';
import type { SupportTicketEvent } from './events';

export const TICKET_SUBJECT_MAX_LENGTH = 200;
export const TICKET_BODY_MAX_LENGTH = 5000;

export type SupportTicket =
  | { status: 'none' }
  | { status: 'open'; ticketId: string; userId: string }
  | { status: 'closed'; ticketId: string; userId: string };

/** Who acts on a ticket: its owner, or support staff (support or admin) acting on anyone's. */
export type TicketParticipant = { userId: string; supportStaff: boolean };

export type OpenTicket = { type: 'OpenTicket'; ticketId: string; userId: string; subject: string; sealedBody: string };
export type ReplyToTicket = { type: 'ReplyToTicket'; ticketId: string; by: TicketParticipant; sealedBody: string };
export type CloseTicket = { type: 'CloseTicket'; ticketId: string; by: TicketParticipant };
export type SupportTicketCommand = OpenTicket | ReplyToTicket | CloseTicket;

/** The ticket's owner and support staff may read it, reply to it and close it; nobody else. */
export function assertMayHandleTicket(ownerId: string, by: TicketParticipant): void {
  if (by.userId !== ownerId && !by.supportStaff) throw new ForbiddenError('not_your_ticket', 'Only the user who opened this ticket and support staff may see or change it.');
}

export const ticketDecider: Decider<SupportTicket, SupportTicketCommand, SupportTicketEvent> = {
  initialState: { status: 'none' },

  evolve(state, event) {
    switch (event.type) {
      case 'SupportTicketOpened':
        return { status: 'open', ticketId: event.data.ticketId, userId: event.data.userId };
      case 'SupportTicketReplied':
        return state;
      case 'SupportTicketClosed':
        return { status: 'closed', ticketId: event.data.ticketId, userId: event.data.userId };
      default:
        return unreachable(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'OpenTicket': {
        if (state.status !== 'none') throw new ConflictError('ticket_exists', `Ticket ${command.ticketId} exists already; open a new one.`);
        const subject = command.subject.trim();
        if (subject.length < 1 || subject.length > TICKET_SUBJECT_MAX_LENGTH) {
          throw new ValidationError('invalid_subject', `A ticket's subject is 1 to ${TICKET_SUBJECT_MAX_LENGTH} characters long.`, 'subject');
        }
        return [{ type: 'SupportTicketOpened', data: { ticketId: command.ticketId, userId: command.userId, subject, body: command.sealedBody } }];
      }
      case 'ReplyToTicket': {
        const ticket = existingTicket(state, command.by);
        if (ticket.status === 'closed') throw new ConflictError('ticket_closed', 'This ticket is closed; open a new one to continue.');
        // Only support staff can reply to someone else's ticket, so any author but the owner is staff.
        const byStaff = command.by.userId !== ticket.userId;
        return [{ type: 'SupportTicketReplied', data: { ticketId: ticket.ticketId, userId: ticket.userId, authorId: command.by.userId, byStaff, body: command.sealedBody } }];
      }
      case 'CloseTicket': {
        const ticket = existingTicket(state, command.by);
        if (ticket.status === 'closed') throw new ConflictError('ticket_already_closed', 'This ticket is closed already.');
        return [{ type: 'SupportTicketClosed', data: { ticketId: ticket.ticketId, userId: ticket.userId, closedBy: command.by.userId } }];
      }
      default:
        return unreachable(command);
    }
  },
};

function existingTicket(state: SupportTicket, by: TicketParticipant): Exclude<SupportTicket, { status: 'none' }> {
  if (state.status === 'none') throw new NotFoundError('ticket_not_found', 'There is no such support ticket; list yours with GET /api/support/tickets.');
  assertMayHandleTicket(state.userId, by);
  return state;
}
