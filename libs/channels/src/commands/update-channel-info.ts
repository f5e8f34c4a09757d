import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@glint/access';
import type { CommandContext, EventSourcedStreams, KnownState } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { channelDecider, type Channel } from '../channel-decider';
import type { ChannelInfoInput } from '../channel-info';
import { channelStreamName } from '../events';
import { readChannelActedOn } from '../queries/channel-acted-on';
import type { ChannelView } from '@glint/projections/channel-page';

/** Channels whose streams an update keeps at hand. */
const KNOWN_CHANNELS = 1_000;

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

  /**
   * The channels' streams as this process last wrote them, the most recently changed last: a title
   * changed again and again is decided without reading its whole stream each time. Should anyone
   * have written the stream since, the append's expected revision fails and the stream is read afresh.
   */
  private readonly known = new Map<string, KnownState<Channel>>();

  async execute({ principal, username, changes, context }: UpdateChannelInfoCommand): Promise<ChannelView> {
    const em = this.readModels.entityManager();
    const { channel, by } = await readChannelActedOn(em, principal, username);
    const streamName = channelStreamName(channel.channelId);
    const from = this.known.get(streamName);
    this.known.delete(streamName);
    const command = { type: 'UpdateChannelInfo', by, changes } as const;
    let handled = await this.streams.handle(streamName, channelDecider, command, context, { readYourWrites: true, from });
    // Nothing to change is only known on the stream as stored: no append checked the kept state.
    if (from && handled.lastPosition === null) handled = await this.streams.handle(streamName, channelDecider, command, context, { readYourWrites: true });
    this.known.set(streamName, { state: handled.state, revision: handled.revision });
    if (this.known.size > KNOWN_CHANNELS) this.known.delete(this.known.keys().next().value as string);
    if (handled.lastPosition === null || handled.state.status !== 'created') return channel;
    // The page's info as this write left it, from the stream the decision was made on; the rest of
    // the page (handle, chat rules, followers) is what was read before the change.
    return { ...channel, ...handled.state.info };
  }
}
