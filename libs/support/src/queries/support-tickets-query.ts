import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@glint/access';
import { NotFoundError } from '@glint/domain-errors';
import type { PersonalDataVault } from '@glint/personal-data';
import type { SupportTicketRow, SupportTicketStatus } from '@glint/projections';
import { PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { assertMayHandleTicket } from '../ticket-decider';
import { ticketParticipant } from '../ticket-participant';
import { listSupportTickets, readSupportTicket, type SupportTicketPage } from './support-tickets';

export interface OpenedTicketMessage {
  authorId: string;
  byStaff: boolean;
  /** Null once the ticket owner's account was deleted. */
  body: string | null;
  writtenAt: Date;
}

export interface OpenedTicket {
  ticket: SupportTicketRow;
  messages: OpenedTicketMessage[];
}

@Injectable()
export class SupportTicketsQuery {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  /** Support staff see every ticket; anyone else sees their own. */
  list(principal: Principal, filters: { status?: SupportTicketStatus; before?: number; limit?: number }): Promise<SupportTicketPage> {
    const by = ticketParticipant(principal);
    return listSupportTickets(this.readModels.entityManager(), { ...filters, ...(by.supportStaff ? {} : { userId: by.userId }) });
  }

  async get(principal: Principal, ticketId: string): Promise<OpenedTicket> {
    const by = ticketParticipant(principal);
    const found = await readSupportTicket(this.readModels.entityManager(), ticketId);
    if (!found) throw new NotFoundError('ticket_not_found', 'There is no such support ticket; list yours with GET /api/support/tickets.');
    assertMayHandleTicket(found.ticket.userId, by);
    const bodies = found.messages.length > 0 ? await this.vault.openMany(found.messages.map((message) => message.body)) : [];
    return {
      ticket: found.ticket,
      messages: found.messages.map((message, index) => ({ authorId: message.authorId, byStaff: message.byStaff, body: bodies[index], writtenAt: message.writtenAt })),
    };
  }
}
