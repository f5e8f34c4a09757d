import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@glint/access';
import { NotFoundError } from '@glint/domain-errors';
import type { PersonalDataVault } from '@glint/personal-data';
import type { SupportTicketRow } from '@glint/projections/support-tickets';
import { PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { assertMayHandleTicket } from '../ticket-decider';
import { ticketParticipant } from '../ticket-participant';
import { readSupportTicket } from '@glint/projections/support-tickets';

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

/** A ticket with its messages opened, for its owner and support staff. */
export class GetSupportTicketQuery extends Query<OpenedTicket> {
  constructor(
    readonly principal: Principal,
    readonly ticketId: string,
  ) {
    super();
  }
}

@QueryHandler(GetSupportTicketQuery)
export class GetSupportTicketHandler implements IQueryHandler<GetSupportTicketQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ principal, ticketId }: GetSupportTicketQuery): Promise<OpenedTicket> {
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
