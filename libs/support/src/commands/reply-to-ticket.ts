import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA } from '@glint/runtime';
import { ticketStreamName } from '../events';
import { ticketDecider } from '../ticket-decider';
import { ticketParticipant } from '../ticket-participant';

/** The ticket's owner or support staff write in an open ticket. */
export class ReplyToTicketCommand extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly ticketId: string,
    readonly body: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ReplyToTicketCommand)
export class ReplyToTicketHandler implements ICommandHandler<ReplyToTicketCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ principal, ticketId, body, context }: ReplyToTicketCommand): Promise<void> {
    const by = ticketParticipant(principal);
    const streamName = ticketStreamName(ticketId);
    const { state } = await this.streams.load(streamName, ticketDecider);
    // Every message of a ticket is sealed with its owner's key, a staff reply too: erasing the
    // owner's account erases the whole conversation. An unknown ticket is refused by the decider.
    const sealedBody = state.status === 'none' ? '' : await this.vault.seal(state.userId, body);
    await this.streams.handle(streamName, ticketDecider, { type: 'ReplyToTicket', ticketId, by, sealedBody }, context, { readYourWrites: true });
  }
}
