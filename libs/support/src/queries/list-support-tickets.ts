import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@glint/access';
import type { Page, PageRequest } from '@glint/api';
import type { SupportTicketRow, SupportTicketStatus } from '@glint/projections/support-tickets';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { ticketParticipant } from '../ticket-participant';
import { listSupportTickets } from '@glint/projections/support-tickets';

/** Tickets newest first: support staff see every ticket; anyone else sees their own. */
export class ListSupportTicketsQuery extends Query<Page<SupportTicketRow>> {
  constructor(
    readonly principal: Principal,
    readonly request: PageRequest & { status?: SupportTicketStatus },
  ) {
    super();
  }
}

@QueryHandler(ListSupportTicketsQuery)
export class ListSupportTicketsHandler implements IQueryHandler<ListSupportTicketsQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  execute({ principal, request }: ListSupportTicketsQuery): Promise<Page<SupportTicketRow>> {
    const by = ticketParticipant(principal);
    return listSupportTickets(this.readModels.entityManager(), { ...request, ...(by.supportStaff ? {} : { userId: by.userId }) });
  }
}
