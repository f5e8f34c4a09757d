import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS } from '@glint/runtime';
import { subscriptionStreamName } from '../events';
import { subscriptionDecider } from '../subscription-decider';

/** The subscriber cancels: the subscription runs to the end of the period already paid, then ends. */
export class CancelSubscriptionCommand extends Command<{ endsAt: string | null }> {
  constructor(
    readonly subscriberId: string,
    /** The channel's id, or null for the platform subscription. */
    readonly channelId: string | null,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(CancelSubscriptionCommand)
export class CancelSubscriptionHandler implements ICommandHandler<CancelSubscriptionCommand> {
  constructor(@Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams) {}

  async execute({ subscriberId, channelId, context }: CancelSubscriptionCommand): Promise<{ endsAt: string | null }> {
    const { state } = await this.streams.handle(subscriptionStreamName(subscriberId, channelId), subscriptionDecider, { type: 'CancelSubscription' }, context);
    return { endsAt: state.periodEnd };
  }
}
