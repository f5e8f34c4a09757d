import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireUser, type Principal } from '@glint/access';
import { NotFoundError } from '@glint/domain-errors';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { readAccountFacts } from '@glint/identity';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { channelDecider } from '../channel-decider';
import type { ChannelInfoInput } from '../channel-info';
import type { ChatSettings } from '../chat-settings';
import { channelStreamName } from '../events';
import { readChannel, type ChannelView } from '@glint/projections/channel-page';
import { hashStreamKey, newStreamKey } from '../stream-key';

export type InitialChannelSettings = ChannelInfoInput & Partial<ChatSettings>;

/** A signed-in user opens their channel; the stream key comes back this once. */
export class CreateChannelCommand extends Command<{ channel: ChannelView; streamKey: string }> {
  constructor(
    readonly principal: Principal,
    readonly settings: InitialChannelSettings,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(CreateChannelCommand)
export class CreateChannelHandler implements ICommandHandler<CreateChannelCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  async execute({ principal, settings, context }: CreateChannelCommand): Promise<{ channel: ChannelView; streamKey: string }> {
    const user = requireUser(principal);
    const em = this.readModels.entityManager();
    const owner = await readAccountFacts(em, user.userId);
    if (!owner) throw new NotFoundError('user_not_found', 'Your account is not known here yet; sign in again.');
    const { title, category, subcategory, tags, language, mature, ...chatSettings } = settings;
    const streamKey = newStreamKey(owner.userId);
    await this.streams.handle(
      channelStreamName(owner.userId),
      channelDecider,
      {
        type: 'CreateChannel',
        owner: { userId: owner.userId, username: owner.username, deleted: owner.deleted, globallyBanned: owner.globallyBanned },
        info: { title, category, subcategory, tags, language, mature },
        chatSettings,
        streamKeyHash: hashStreamKey(streamKey),
      },
      context,
      { readYourWrites: true },
    );
    return { channel: (await readChannel(em, owner.userId))!, streamKey };
  }
}
