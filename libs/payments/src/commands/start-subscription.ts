import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { existingChannel } from '@glint/channels';
import type { CommandContext, EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS, PLATFORM_CONFIG, READ_MODELS, type PlatformConfig, type ReadModels } from '@glint/runtime';
import { subscriptionStreamName, type Product } from '../events';
import { subscriptionDecider } from '../subscription-decider';
import { canReceiveMoney } from './owner-can-receive-money';

/** A channel by its username, or one of the platform's own products. */
export type SubscriptionTarget = { channel: string } | { product: Exclude<Product, 'channel'> };

/** The charge that paid for the first period. */
export interface FirstCharge {
  paymentId: string;
  processorFee: number | null;
  periodStart: Date;
  periodEnd: Date;
}

export interface SubscriptionOutcome {
  channelId: string | null;
  product: Product;
  /** False when the command only undid a pending cancel, or the charge was already recorded. */
  started: boolean;
}

/** A user subscribes (or subscribes again before a cancelled subscription ends) at today's configured price. */
export class StartSubscriptionCommand extends Command<SubscriptionOutcome> {
  constructor(
    readonly subscriberId: string,
    readonly target: SubscriptionTarget,
    readonly charge: FirstCharge,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(StartSubscriptionCommand)
export class StartSubscriptionHandler implements ICommandHandler<StartSubscriptionCommand> {
  constructor(
    @Inject(EVENT_SOURCED_STREAMS) private readonly streams: EventSourcedStreams,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async execute({ subscriberId, target, charge, context }: StartSubscriptionCommand): Promise<SubscriptionOutcome> {
    const { payments } = this.config;
    let channelId: string | null = null;
    let product: Product;
    let price: number;
    let feeBasisPoints = 0;
    let ownerCanReceiveMoney = true;
    if ('channel' in target) {
      const channel = await existingChannel(this.readModels.entityManager(), target.channel, 'channel');
      channelId = channel.channelId;
      product = 'channel';
      price = payments.channelPriceCents;
      feeBasisPoints = payments.channelFeeBasisPoints;
      ownerCanReceiveMoney = await canReceiveMoney(this.streams, channel.ownerId);
    } else {
      product = target.product;
      price = product === 'founder' ? payments.founderPriceCents : payments.supporterPriceCents;
    }
    const handled = await this.streams.handle(
      subscriptionStreamName(subscriberId, channelId),
      subscriptionDecider,
      {
        type: 'StartSubscription',
        subscriberId,
        channelId,
        product,
        price,
        feeBasisPoints,
        paymentId: charge.paymentId,
        processorFee: charge.processorFee,
        periodStart: charge.periodStart.toISOString(),
        periodEnd: charge.periodEnd.toISOString(),
        ownerCanReceiveMoney,
        maxAmountCents: payments.maxAmountCents,
        at: context.now.toISOString(),
      },
      context,
    );
    return { channelId, product, started: handled.appended.some((event) => event.type === 'SubscriptionStarted') };
  }
}
