import { ConflictError, ValidationError } from '@glint/domain-errors';
import { unreachable, type Decider } from '@glint/event-sourcing';
import type { PaymentFacts, Product, SubscriptionEndReason, SubscriptionEvent } from './events';
import { assertCents, assertFeeRate, platformFee } from './money';
import { decidePaymentCorrection, evolvePayments, newPayment, type PaymentCorrection, type Payments } from './payment-record';

/** One subscriber's subscription to one channel, or to the platform: the whole history of its stream. */
export interface Subscription {
  status: 'none' | 'active' | 'ended';
  /** Who subscribes to what; null before the first start. */
  subject: SubscriptionSubject | null;
  /** What every renewal charges: the price and fee rate it started (or was converted) with. */
  price: number;
  feeBasisPoints: number;
  periodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  /** A gift runs to its end and stops, unless its recipient converted it into a paid subscription. */
  gift: 'none' | 'unconverted' | 'converted';
  payments: Payments;
}

interface Charge {
  paymentId: string;
  processorFee: number | null;
  periodStart: string;
  periodEnd: string;
}

interface NewSubscription extends Charge {
  subscriberId: string;
  /** Null for the platform's products; otherwise the channel, whose id is its owner's. */
  channelId: string | null;
  product: Product;
  price: number;
  feeBasisPoints: number;
  /** Whether the channel's owner can receive money (a payout account is enabled for them). */
  ownerCanReceiveMoney: boolean;
  maxAmountCents: number;
}

export interface SubscriptionSubject {
  subscriberId: string;
  channelId: string | null;
  product: Product;
}

export type StartSubscription = NewSubscription & { type: 'StartSubscription'; at: string };
export type GiveGiftSubscription = NewSubscription & { type: 'GiveGiftSubscription'; gifterId: string };
export type RenewSubscription = Charge & { type: 'RenewSubscription'; maxAmountCents: number };
export type FailSubscriptionPayment = { type: 'FailSubscriptionPayment'; reason: string; at: string };
export type CancelSubscription = { type: 'CancelSubscription' };
export type EndSubscription = { type: 'EndSubscription'; reason: SubscriptionEndReason; at: string };
export type ConvertGift = { type: 'ConvertGift'; price: number; feeBasisPoints: number; at: string; maxAmountCents: number };

export type SubscriptionCommand = StartSubscription | GiveGiftSubscription | RenewSubscription | FailSubscriptionPayment | CancelSubscription | EndSubscription | ConvertGift | PaymentCorrection;

export const initialState: Subscription = { status: 'none', subject: null, price: 0, feeBasisPoints: 0, periodEnd: null, cancelAtPeriodEnd: false, gift: 'none', payments: {} };

const withPayment = (state: Subscription, data: PaymentFacts & { channelId: string | null }): Payments => ({ ...state.payments, [data.paymentId]: newPayment(data.amount, data.channelId) });

export function evolve(state: Subscription, event: SubscriptionEvent): Subscription {
  switch (event.type) {
    case 'SubscriptionStarted': {
      const { data } = event;
      return { status: 'active', subject: subjectOf(data), price: data.price, feeBasisPoints: data.feeBasisPoints, periodEnd: data.periodEnd, cancelAtPeriodEnd: false, gift: 'none', payments: withPayment(state, data) };
    }
    case 'GiftSubscriptionGiven': {
      const { data } = event;
      return { status: 'active', subject: subjectOf(data), price: data.price, feeBasisPoints: data.feeBasisPoints, periodEnd: data.periodEnd, cancelAtPeriodEnd: false, gift: 'unconverted', payments: withPayment(state, data) };
    }
    case 'SubscriptionRenewed':
      return { ...state, periodEnd: event.data.periodEnd, payments: withPayment(state, event.data) };
    case 'GiftConverted':
      return { ...state, gift: 'converted', price: event.data.price, feeBasisPoints: event.data.feeBasisPoints };
    case 'SubscriptionCancelRequested':
      return { ...state, cancelAtPeriodEnd: true };
    case 'SubscriptionCancelUndone':
      return { ...state, cancelAtPeriodEnd: false };
    case 'SubscriptionEnded':
      return { ...state, status: 'ended', cancelAtPeriodEnd: false };
    case 'SubscriptionPaymentFailed':
      return state;
    case 'PaymentRefunded':
    case 'DisputeOpened':
    case 'DisputeClosed':
      return { ...state, payments: evolvePayments(state.payments, event) };
    default:
      return unreachable(event);
  }
}

/**
 * The rules of subscribing. One stream per subscriber and channel makes a second active
 * subscription to the same channel impossible to record; cancelling keeps it to the end of the
 * paid period, and subscribing again before then undoes the cancel. A payment the stream already
 * holds records nothing again, so a charge delivered twice is booked once.
 */
export function decide(command: SubscriptionCommand, state: Subscription): SubscriptionEvent[] {
  switch (command.type) {
    case 'StartSubscription': {
      if (command.paymentId in state.payments) return [];
      assertNewSubscription(command);
      if (state.status === 'active') {
        if (!state.cancelAtPeriodEnd) throw new ConflictError('already_subscribed', 'You already have an active subscription here.');
        const target = activeOf(state);
        if (command.at < (state.periodEnd as string)) return [{ type: 'SubscriptionCancelUndone', data: target }];
        return [{ type: 'SubscriptionEnded', data: { ...target, reason: 'canceled', endedAt: state.periodEnd as string } }, started(command)];
      }
      return [started(command)];
    }
    case 'GiveGiftSubscription': {
      if (command.paymentId in state.payments) return [];
      assertNewSubscription(command);
      if (state.status === 'active') throw new ConflictError('already_subscribed', 'The recipient already has an active subscription here.');
      const { gifterId, subscriberId, channelId, product, price, feeBasisPoints, periodStart, periodEnd, paymentId, processorFee } = command;
      return [
        {
          type: 'GiftSubscriptionGiven',
          data: { gifterId, subscriberId, channelId, product, price, feeBasisPoints, periodStart, periodEnd, paymentId, amount: price, fee: feeOf(product, price, feeBasisPoints), processorFee },
        },
      ];
    }
    case 'RenewSubscription': {
      if (command.paymentId in state.payments) return [];
      const active = activeOf(state);
      if (state.gift === 'unconverted') throw new ConflictError('gift_does_not_renew', 'A gift subscription ends with its period; its recipient may convert it into a paid one.');
      if (state.cancelAtPeriodEnd) throw new ConflictError('subscription_ends_at_period_end', 'The subscription was cancelled and ends with its period.');
      if (command.processorFee !== null) assertCents('processorFee', command.processorFee, command.maxAmountCents);
      return [
        {
          type: 'SubscriptionRenewed',
          data: { ...active, periodStart: command.periodStart, periodEnd: command.periodEnd, paymentId: command.paymentId, amount: state.price, fee: feeOf(active.product, state.price, state.feeBasisPoints), processorFee: command.processorFee },
        },
      ];
    }
    case 'FailSubscriptionPayment':
      return [{ type: 'SubscriptionPaymentFailed', data: { ...activeOf(state), reason: command.reason, failedAt: command.at } }];
    case 'CancelSubscription': {
      const active = activeOf(state);
      // A gift that was not converted already ends with its period.
      if (state.cancelAtPeriodEnd || state.gift === 'unconverted') return [];
      return [{ type: 'SubscriptionCancelRequested', data: { ...active, endsAt: state.periodEnd as string } }];
    }
    case 'EndSubscription': {
      if (state.status !== 'active') return [];
      const active = activeOf(state);
      if (command.reason !== 'payment_failed') {
        const ending = command.reason === 'canceled' ? state.cancelAtPeriodEnd : state.gift === 'unconverted';
        if (!ending) throw new ConflictError('subscription_continues', `The subscription does not end as ${command.reason}.`);
        if (command.at < (state.periodEnd as string)) throw new ConflictError('period_not_over', `The subscription runs until ${state.periodEnd}.`);
      }
      return [{ type: 'SubscriptionEnded', data: { ...active, reason: command.reason, endedAt: command.at } }];
    }
    case 'ConvertGift': {
      const active = activeOf(state);
      if (state.gift === 'converted') return [];
      if (state.gift !== 'unconverted') throw new ConflictError('no_gift_to_convert', 'Only a gift subscription can be converted into a paid one.');
      if (command.at >= (state.periodEnd as string)) throw new ConflictError('gift_expired', 'The gift subscription has ended; subscribe instead.');
      assertCents('price', command.price, command.maxAmountCents);
      assertFeeRate(command.feeBasisPoints);
      return [{ type: 'GiftConverted', data: { ...active, price: command.price, feeBasisPoints: command.feeBasisPoints, firstChargeAt: state.periodEnd as string } }];
    }
    case 'RefundPayment':
    case 'OpenDispute':
    case 'CloseDispute':
      return decidePaymentCorrection(command, state.payments);
    default:
      return unreachable(command);
  }
}

function assertNewSubscription(command: NewSubscription): void {
  if (command.subscriberId === command.channelId) throw new ValidationError('cannot_subscribe_to_self', 'You cannot subscribe to your own channel.', 'channel');
  if ((command.product === 'channel') !== (command.channelId !== null)) throw new ValidationError('invalid_product', 'A channel subscription names its channel; a platform subscription names none.', 'product');
  assertCents('price', command.price, command.maxAmountCents);
  if (command.price === 0) throw new ValidationError('zero_amount', 'A subscription costs at least one cent.', 'price');
  assertFeeRate(command.feeBasisPoints);
  if (command.processorFee !== null) assertCents('processorFee', command.processorFee, command.maxAmountCents);
  if (command.periodEnd <= command.periodStart) throw new ValidationError('invalid_period', 'A period ends after it starts.', 'periodEnd');
  if (command.channelId !== null && !command.ownerCanReceiveMoney) {
    throw new ConflictError('channel_cannot_receive_money', 'This channel cannot take subscriptions yet: its owner has not set up payouts.');
  }
}

/** Platform products are the platform's whole; a channel subscription's fee is the configured share. */
function feeOf(product: Product, price: number, feeBasisPoints: number): number {
  return product === 'channel' ? platformFee(price, feeBasisPoints) : price;
}

function started(command: StartSubscription): SubscriptionEvent {
  const { subscriberId, channelId, product, price, feeBasisPoints, periodStart, periodEnd, paymentId, processorFee } = command;
  return { type: 'SubscriptionStarted', data: { subscriberId, channelId, product, price, feeBasisPoints, periodStart, periodEnd, paymentId, amount: price, fee: feeOf(product, price, feeBasisPoints), processorFee } };
}

function activeOf(state: Subscription): SubscriptionSubject {
  if (state.status !== 'active' || state.subject === null) throw new ConflictError('not_subscribed', 'There is no active subscription here.');
  return state.subject;
}

const subjectOf = ({ subscriberId, channelId, product }: SubscriptionSubject): SubscriptionSubject => ({ subscriberId, channelId, product });

export const subscriptionDecider: Decider<Subscription, SubscriptionCommand, SubscriptionEvent> = { initialState, evolve, decide };
