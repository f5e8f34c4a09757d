import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { existingChannel } from '@glint/channels';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, PLATFORM_CONFIG, READ_MODELS, type PlatformConfig, type ReadModels } from '@glint/runtime';
import { donationDecider } from '../donation-decider';
import { donationStreamName } from '../events';
import { canReceiveMoney } from './owner-can-receive-money';

/** A one-off donation to a channel, recorded once per payment. */
export class MakeDonationCommand extends Command<{ channelId: string; recorded: boolean }> {
  constructor(
    readonly donorId: string,
    readonly channelUsername: string,
    readonly paymentId: string,
    readonly amount: number,
    readonly processorFee: number | null,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(MakeDonationCommand)
export class MakeDonationHandler implements ICommandHandler<MakeDonationCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async execute({ donorId, channelUsername, paymentId, amount, processorFee, context }: MakeDonationCommand): Promise<{ channelId: string; recorded: boolean }> {
    const { payments } = this.config;
    const channel = await existingChannel(this.readModels.entityManager(), channelUsername, 'channel');
    const handled = await this.streams.handle(
      donationStreamName(paymentId),
      donationDecider,
      {
        type: 'MakeDonation',
        paymentId,
        donorId,
        channelId: channel.channelId,
        amount,
        processorFee,
        ownerCanReceiveMoney: await canReceiveMoney(this.streams, channel.ownerId),
        minCents: payments.donationMinCents,
        maxCents: payments.donationMaxCents,
        maxAmountCents: payments.maxAmountCents,
      },
      context,
    );
    return { channelId: channel.channelId, recorded: handled.appended.length > 0 };
  }
}
