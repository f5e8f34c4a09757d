import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA } from '@glint/runtime';
import { ticketStreamName } from '../events';
import { ticketDecider } from '../ticket-decider';
import { ticketParticipant } from '../ticket-participant';

/** A signed-in user asks support for help; the answer is the new ticket's id. */
export class OpenTicketCommand extends Command<string> {
  constructor(
    readonly principal: Principal,
    readonly ticket: { subject: string; body: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(OpenTicketCommand)
export class OpenTicketHandler implements ICommandHandler<OpenTicketCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ principal, ticket, context }: OpenTicketCommand): Promise<string> {
    const { userId } = ticketParticipant(principal);
    const ticketId = randomUUID();
    const sealedBody = await this.vault.seal(userId, ticket.body);
    await this.streams.handle(ticketStreamName(ticketId), ticketDecider, { type: 'OpenTicket', ticketId, userId, subject: ticket.subject, sealedBody }, context, { readYourWrites: true });
    return ticketId;
  }
}
