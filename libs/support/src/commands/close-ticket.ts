import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { ticketStreamName } from '../events';
import { ticketDecider } from '../ticket-decider';
import { ticketParticipant } from '../ticket-participant';

@Injectable()
export class CloseTicketHandler {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute(principal: Principal, ticketId: string, context: CommandContext): Promise<void> {
    const by = ticketParticipant(principal);
    const handled = await this.streams.handle(ticketStreamName(ticketId), ticketDecider, { type: 'CloseTicket', ticketId, by }, context);
    if (handled.lastPosition !== null) await this.readModels.catchUp('support_tickets', handled.lastPosition);
  }
}
