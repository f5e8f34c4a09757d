import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS } from '@glint/runtime';
import { ticketStreamName } from '../events';
import { ticketDecider } from '../ticket-decider';
import { ticketParticipant } from '../ticket-participant';

/** The ticket's owner or support staff close it, once. */
export class CloseTicketCommand extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly ticketId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(CloseTicketCommand)
export class CloseTicketHandler implements ICommandHandler<CloseTicketCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
  ) {}

  async execute({ principal, ticketId, context }: CloseTicketCommand): Promise<void> {
    const by = ticketParticipant(principal);
    await this.streams.handle(ticketStreamName(ticketId), ticketDecider, { type: 'CloseTicket', ticketId, by }, context, { readYourWrites: true });
  }
}
