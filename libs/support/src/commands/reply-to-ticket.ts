import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import type { PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { ticketStreamName } from '../events';
import { ticketDecider } from '../ticket-decider';
import { ticketParticipant } from '../ticket-participant';

@Injectable()
export class ReplyToTicketHandler {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PERSONAL_DATA) private readonly vault: PersonalDataVault,
  ) {}

  async execute(principal: Principal, ticketId: string, body: string, context: CommandContext): Promise<void> {
    const by = ticketParticipant(principal);
    const streamName = ticketStreamName(ticketId);
    const { state } = await this.streams.load(streamName, ticketDecider);
    // Every message of a ticket is sealed with its owner's key, a staff reply too: erasing the
    // owner's account erases the whole conversation. An unknown ticket is refused by the decider.
    const sealedBody = state.status === 'none' ? '' : await this.vault.seal(state.userId, body);
    const handled = await this.streams.handle(streamName, ticketDecider, { type: 'ReplyToTicket', ticketId, by, sealedBody }, context);
    if (handled.lastPosition !== null) await this.readModels.catchUp('support_tickets', handled.lastPosition);
  }
}
