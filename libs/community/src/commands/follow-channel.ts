import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireUser, type Principal } from '@glint/access';
import { existingChannel } from '@glint/channels';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { followDecider } from '../follow-decider';
import { followStreamName } from '../events';
import { countFollowers } from '@glint/projections/follows';

export interface FollowChannelOutcome {
  channel: string;
  liveNotifications: boolean;
  followerCount: number;
}

/** A signed-in user follows a channel, or changes whether its going live notifies them. */
export class FollowChannelCommand extends Command<FollowChannelOutcome> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
    readonly liveNotifications: boolean,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(FollowChannelCommand)
export class FollowChannelHandler implements ICommandHandler<FollowChannelCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ principal, username, liveNotifications, context }: FollowChannelCommand): Promise<FollowChannelOutcome> {
    const follower = requireUser(principal);
    const em = this.readModels.entityManager();
    const channel = await existingChannel(em, username);
    await this.streams.handle(
      followStreamName(channel.channelId, follower.userId),
      followDecider,
      {
        type: 'FollowChannel',
        channelId: channel.channelId,
        ownerId: channel.ownerId,
        channelUsername: channel.username,
        followerId: follower.userId,
        followerUsername: follower.username,
        liveNotifications,
      },
      context,
      { readYourWrites: true },
    );
    return { channel: channel.username, liveNotifications, followerCount: await countFollowers(em, channel.channelId) };
  }
}
