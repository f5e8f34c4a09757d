import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { channelDecider } from '../channel-decider';
import type { ChatSettings } from '../chat-settings';
import { channelStreamName } from '../events';
import { readChannelActedOn } from '../queries/channel-acted-on';
import { readChannel, type ChannelView } from '@glint/projections/channel-page';

/** The owner or an admin changes the rules the channel's chat enforces. */
export class UpdateChatSettingsCommand extends Command<ChannelView> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
    readonly changes: Partial<ChatSettings>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(UpdateChatSettingsCommand)
export class UpdateChatSettingsHandler implements ICommandHandler<UpdateChatSettingsCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ principal, username, changes, context }: UpdateChatSettingsCommand): Promise<ChannelView> {
    const em = this.readModels.entityManager();
    const { channel, by } = await readChannelActedOn(em, principal, username);
    // The chat judges the very next message by these settings.
    const handled = await this.streams.handle(channelStreamName(channel.channelId), channelDecider, { type: 'UpdateChatSettings', by, changes }, context, { readYourWrites: true });
    if (handled.lastPosition === null) return channel;
    return (await readChannel(em, channel.channelId))!;
  }
}
