import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { ticketStreamName } from '../events';
import { ticketDecider } from '../ticket-decider';
import { ticketParticipant } from '../ticket-participant';

@Injectable()
export class OpenTicketHandler {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  /** The new ticket's id. */
  async execute(principal: Principal, ticket: { subject: string; body: string }, context: CommandContext): Promise<string> {
    const { userId } = ticketParticipant(principal);
    const ticketId = randomUUID();
    const sealedBody = await this.vault.seal(userId, ticket.body);
    const handled = await this.streams.handle(ticketStreamName(ticketId), ticketDecider, { type: 'OpenTicket', ticketId, userId, subject: ticket.subject, sealedBody }, context);
    if (handled.lastPosition !== null) await this.readModels.catchUp('support_tickets', handled.lastPosition);
    return ticketId;
  }
}
