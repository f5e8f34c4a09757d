import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { moderatorsStreamName } from '../events';
import { moderatorsDecider } from '../moderators-decider';
import { readChannelActedOn } from '../queries/channel-acted-on';
import { readModeratorAccount } from '../queries/moderator-account';

/** The owner or an admin takes a moderator's appointment away. */
export class RemoveModeratorCommand extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
    readonly moderatorUsername: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RemoveModeratorCommand)
export class RemoveModeratorHandler implements ICommandHandler<RemoveModeratorCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ principal, username, moderatorUsername, context }: RemoveModeratorCommand): Promise<void> {
    const em = this.readModels.entityManager();
    const { channel, by } = await readChannelActedOn(em, principal, username);
    const moderator = await readModeratorAccount(em, moderatorUsername);
    // The removed moderator's very next action is judged without the appointment.
    await this.streams.handle(
      moderatorsStreamName(channel.channelId),
      moderatorsDecider,
      { type: 'RemoveModerator', channelId: channel.channelId, ownerId: channel.ownerId, by, moderatorId: moderator.userId },
      context,
      { readYourWrites: true },
    );
  }
}
