/**
 * Facts of money. Every amount is integer cents of the configured currency. A channel's id is its
 * owner's user id, so `channelId` also names the streamer the money is owed to; platform products
 * have none.
 *
 * Streams:
 * - `subscription-<subscriberId>-<channelId>` or `subscription-<subscriberId>-platform`: one per
 *   subscriber and channel (or the platform), its whole history of starts, renewals, gifts and the
 *   refunds and disputes of its payments;
 * - `donation-<paymentId>`: one donation, and its refunds and disputes;
 * - `payout-account-<userId>`: whether a user can receive money, and the tax withheld from it.
 */

export type Product = 'supporter' | 'founder' | 'channel';

/** A charge that brought money in: the id names it to refunds and disputes (a Stripe invoice or charge next). */
export interface PaymentFacts {
  paymentId: string;
  amount: number;
  /** The platform's share, trunc(amount × feeBasisPoints / 10000); the whole amount for platform products. */
  fee: number;
  /** What the payment processor kept, when it is known. */
  processorFee: number | null;
}

interface SubscriptionFacts {
  subscriberId: string;
  /** Null for the platform's own products. */
  channelId: string | null;
  product: Product;
  /** The price and fee rate the subscription started with: later renewals charge these. */
  price: number;
  feeBasisPoints: number;
  periodStart: string;
  periodEnd: string;
}

export type SubscriptionStarted = { type: 'SubscriptionStarted'; data: SubscriptionFacts & PaymentFacts };

export type SubscriptionRenewed = {
  type: 'SubscriptionRenewed';
  data: { subscriberId: string; channelId: string | null; product: Product; periodStart: string; periodEnd: string } & PaymentFacts;
};

/** A renewal charge failed; the subscription stays until its period ends or a retry succeeds. */
export type SubscriptionPaymentFailed = {
  type: 'SubscriptionPaymentFailed';
  data: { subscriberId: string; channelId: string | null; product: Product; reason: string; failedAt: string };
};

/** Cancelling keeps the subscription to the end of the period already paid. */
export type SubscriptionCancelRequested = {
  type: 'SubscriptionCancelRequested';
  data: { subscriberId: string; channelId: string | null; product: Product; endsAt: string };
};

/** Subscribing again before the period ended keeps the subscription running. */
export type SubscriptionCancelUndone = {
  type: 'SubscriptionCancelUndone';
  data: { subscriberId: string; channelId: string | null; product: Product };
};

export type SubscriptionEndReason = 'canceled' | 'gift_expired' | 'payment_failed';

export type SubscriptionEnded = {
  type: 'SubscriptionEnded';
  data: { subscriberId: string; channelId: string | null; product: Product; reason: SubscriptionEndReason; endedAt: string };
};

/** Someone paid for another's subscription for a fixed time; it never renews by itself. */
export type GiftSubscriptionGiven = { type: 'GiftSubscriptionGiven'; data: SubscriptionFacts & PaymentFacts & { gifterId: string } };

/** The recipient turned a gift into a paid subscription, first charged when the gift ends. */
export type GiftConverted = {
  type: 'GiftConverted';
  data: { subscriberId: string; channelId: string | null; product: Product; price: number; feeBasisPoints: number; firstChargeAt: string };
};

export type DonationMade = {
  type: 'DonationMade';
  data: PaymentFacts & { donorId: string; channelId: string };
};

/** Money given back for (part of) a payment; it comes out of what the payment's channel is owed. */
export type PaymentRefunded = {
  type: 'PaymentRefunded';
  data: { paymentId: string; channelId: string | null; amount: number };
};

/** The card holder's bank took the amount back until the dispute is decided. */
export type DisputeOpened = {
  type: 'DisputeOpened';
  data: { paymentId: string; disputeId: string; channelId: string | null; amount: number };
};

export type DisputeOutcome = 'won' | 'lost';

/** Won: the amount comes back. Lost: it is gone, out of what the channel is owed. */
export type DisputeClosed = {
  type: 'DisputeClosed';
  data: { paymentId: string; disputeId: string; channelId: string | null; amount: number; outcome: DisputeOutcome };
};

/** The user can receive money (Stripe Connect's `account.updated` with transfers active and terms accepted). */
export type PayoutAccountEnabled = {
  type: 'PayoutAccountEnabled';
  data: { userId: string; taxWithholdingPercent: number };
};

export type PayoutAccountDisabled = {
  type: 'PayoutAccountDisabled';
  data: { userId: string; reason: string };
};

export type RefundsAndDisputesEvent = PaymentRefunded | DisputeOpened | DisputeClosed;

export type SubscriptionEvent =
  | SubscriptionStarted
  | SubscriptionRenewed
  | SubscriptionPaymentFailed
  | SubscriptionCancelRequested
  | SubscriptionCancelUndone
  | SubscriptionEnded
  | GiftSubscriptionGiven
  | GiftConverted
  | RefundsAndDisputesEvent;

export type DonationEvent = DonationMade | RefundsAndDisputesEvent;

export type PayoutAccountEvent = PayoutAccountEnabled | PayoutAccountDisabled;

/** Every event that moves money, as the ledger books it. */
export type MoneyEvent = SubscriptionStarted | SubscriptionRenewed | GiftSubscriptionGiven | DonationMade | PaymentRefunded | DisputeOpened | DisputeClosed;

export type PaymentsEvent = SubscriptionEvent | DonationEvent | PayoutAccountEvent;

export const PLATFORM_TARGET = 'platform';

export const subscriptionStreamName = (subscriberId: string, channelId: string | null): string => `subscription-${subscriberId}-${channelId ?? PLATFORM_TARGET}`;
export const donationStreamName = (paymentId: string): string => `donation-${paymentId}`;
export const payoutAccountStreamName = (userId: string): string => `payout-account-${userId}`;
