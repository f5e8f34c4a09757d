import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { channelDecider } from '../channel-decider';
import type { ChannelInfoInput } from '../channel-info';
import { channelStreamName } from '../events';
import { readChannelActedOn } from '../queries/channel-acted-on';
import type { ChannelView } from '@glint/projections/channel-page';

/** The owner, an editor or an admin changes what the channel page says. */
export class UpdateChannelInfoCommand extends Command<ChannelView> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
    readonly changes: ChannelInfoInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(UpdateChannelInfoCommand)
export class UpdateChannelInfoHandler implements ICommandHandler<UpdateChannelInfoCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ principal, username, changes, context }: UpdateChannelInfoCommand): Promise<ChannelView> {
    const em = this.readModels.entityManager();
    const { channel, by } = await readChannelActedOn(em, principal, username);
    const handled = await this.streams.handle(channelStreamName(channel.channelId), channelDecider, { type: 'UpdateChannelInfo', by, changes }, context, { readYourWrites: true });
    if (handled.lastPosition === null || handled.state.status !== 'created') return channel;
    // The page's info as this write left it, from the stream the decision was made on; the rest of
    // the page (handle, chat rules, followers) is what was read before the change.
    return { ...channel, ...handled.state.info };
  }
}
