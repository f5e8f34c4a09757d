import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { channelDecider } from '../channel-decider';
import { channelStreamName } from '../events';
import { readChannelActedOn } from '../queries/channel-acted-on';
import { hashStreamKey, newStreamKey } from '../stream-key';

/** The owner replaces the channel's stream key; the new key comes back this once. */
export class RotateStreamKeyCommand extends Command<{ streamKey: string }> {
  constructor(
    readonly principal: Principal,
    readonly username: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RotateStreamKeyCommand)
export class RotateStreamKeyHandler implements ICommandHandler<RotateStreamKeyCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ principal, username, context }: RotateStreamKeyCommand): Promise<{ streamKey: string }> {
    const em = this.readModels.entityManager();
    const { channel, by } = await readChannelActedOn(em, principal, username);
    const streamKey = newStreamKey(channel.channelId);
    // The old key must stop opening the channel before the owner is told it has.
    await this.streams.handle(channelStreamName(channel.channelId), channelDecider, { type: 'RotateStreamKey', by, streamKeyHash: hashStreamKey(streamKey) }, context, { readYourWrites: true });
    return { streamKey };
  }
}
