import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireUser, type Principal } from '@glint/access';
import { existingChannel } from '@glint/channels';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { followDecider } from '../follow-decider';
import { followStreamName } from '../events';

/** A signed-in user stops following a channel; unfollowing what one does not follow changes nothing. */
export class UnfollowChannelCommand extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(UnfollowChannelCommand)
export class UnfollowChannelHandler implements ICommandHandler<UnfollowChannelCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ principal, username, context }: UnfollowChannelCommand): Promise<void> {
    const follower = requireUser(principal);
    const channel = await existingChannel(this.readModels.entityManager(), username);
    await this.streams.handle(
      followStreamName(channel.channelId, follower.userId),
      followDecider,
      { type: 'UnfollowChannel', channelId: channel.channelId, followerId: follower.userId },
      context,
      { readYourWrites: true },
    );
  }
}
