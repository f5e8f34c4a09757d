import { ConflictError, NotFoundError, ValidationError } from '@glint/domain-errors';
import { decide, refusalOf } from '@glint/testing';
import type { SubscriptionEvent } from './events';
import { subscriptionDecider, type StartSubscription, type SubscriptionCommand } from './subscription-decider';

const ANA = 'a0000000-0000-4000-8000-000000000001';
const BEN = 'b0000000-0000-4000-8000-000000000002';
const CLEO = 'c0000000-0000-4000-8000-000000000003';
const MAX = 1_000_000;
const DEC = '2026-12-01T00:00:00.000Z';
const JAN = '2027-01-01T00:00:00.000Z';
const FEB = '2027-02-01T00:00:00.000Z';
const subject = { subscriberId: BEN, channelId: ANA, product: 'channel' as const };

const start = (overrides: Partial<StartSubscription> = {}): SubscriptionCommand => ({
  type: 'StartSubscription',
  subscriberId: BEN,
  channelId: ANA,
  product: 'channel',
  price: 500,
  feeBasisPoints: 1000,
  paymentId: 'pay-1',
  processorFee: null,
  periodStart: DEC,
  periodEnd: JAN,
  ownerCanReceiveMoney: true,
  maxAmountCents: MAX,
  at: DEC,
  ...overrides,
});
const started: SubscriptionEvent = {
  type: 'SubscriptionStarted',
  data: { ...subject, price: 500, feeBasisPoints: 1000, periodStart: DEC, periodEnd: JAN, paymentId: 'pay-1', amount: 500, fee: 50, processorFee: null },
};
const renew = (paymentId = 'pay-2'): SubscriptionCommand => ({ type: 'RenewSubscription', paymentId, processorFee: 45, periodStart: JAN, periodEnd: FEB, maxAmountCents: MAX });
const renewed: SubscriptionEvent = { type: 'SubscriptionRenewed', data: { ...subject, periodStart: JAN, periodEnd: FEB, paymentId: 'pay-2', amount: 500, fee: 50, processorFee: 45 } };
const cancel: SubscriptionCommand = { type: 'CancelSubscription' };
const cancelRequested: SubscriptionEvent = { type: 'SubscriptionCancelRequested', data: { ...subject, endsAt: JAN } };
const cancelUndone: SubscriptionEvent = { type: 'SubscriptionCancelUndone', data: subject };
const giveGift = (overrides: Record<string, unknown> = {}): SubscriptionCommand => ({ ...(start() as StartSubscription), type: 'GiveGiftSubscription', gifterId: CLEO, paymentId: 'gift-1', ...overrides }) as SubscriptionCommand;
const given: SubscriptionEvent = {
  type: 'GiftSubscriptionGiven',
  data: { ...subject, gifterId: CLEO, price: 500, feeBasisPoints: 1000, periodStart: DEC, periodEnd: JAN, paymentId: 'gift-1', amount: 500, fee: 50, processorFee: null },
};
const converted: SubscriptionEvent = { type: 'GiftConverted', data: { ...subject, price: 600, feeBasisPoints: 1500, firstChargeAt: JAN } };
const refunded = (amount: number): SubscriptionEvent => ({ type: 'PaymentRefunded', data: { paymentId: 'pay-1', channelId: ANA, amount } });
const disputeOpened: SubscriptionEvent = { type: 'DisputeOpened', data: { paymentId: 'pay-1', disputeId: 'dp-1', channelId: ANA, amount: 500 } };

describe('the subscription decider', () => {
  it.each<[string, SubscriptionEvent[], SubscriptionCommand, SubscriptionEvent[]]>([
    ['a first subscription records it with its price, fee rate and the truncated fee', [], start(), [started]],
    [
      'a fee that is not whole cents is truncated',
      [],
      start({ price: 999 }),
      [{ ...started, data: { ...started.data, price: 999, amount: 999, fee: 99 } } as SubscriptionEvent],
    ],
    [
      'a platform subscription is all the platform’s',
      [],
      start({ channelId: null, product: 'founder', price: 2500, feeBasisPoints: 0 }),
      [{ type: 'SubscriptionStarted', data: { subscriberId: BEN, channelId: null, product: 'founder', price: 2500, feeBasisPoints: 0, periodStart: DEC, periodEnd: JAN, paymentId: 'pay-1', amount: 2500, fee: 2500, processorFee: null } }],
    ],
    ['the same start delivered again records nothing', [started], start(), []],
    ['a renewal charges the price recorded at the start, whatever the price is now', [started], renew(), [renewed]],
    ['the same renewal delivered again records nothing', [started, renewed], renew(), []],
    ['a failed renewal is recorded', [started], { type: 'FailSubscriptionPayment', reason: 'card_declined', at: JAN }, [{ type: 'SubscriptionPaymentFailed', data: { ...subject, reason: 'card_declined', failedAt: JAN } }]],
    ['a renewal after a failed one succeeds', [started, { type: 'SubscriptionPaymentFailed', data: { ...subject, reason: 'card_declined', failedAt: JAN } }], renew(), [renewed]],
    ['a cancel ends the subscription at the period’s end', [started], cancel, [cancelRequested]],
    ['a second cancel records nothing', [started, cancelRequested], cancel, []],
    ['subscribing again before the end undoes the cancel', [started, cancelRequested], start({ paymentId: 'pay-9', at: '2026-12-20T00:00:00.000Z' }), [cancelUndone]],
    [
      'subscribing again after the end, not yet recorded, ends the old one and starts anew',
      [started, cancelRequested],
      start({ paymentId: 'pay-9', at: JAN, periodStart: JAN, periodEnd: FEB }),
      [
        { type: 'SubscriptionEnded', data: { ...subject, reason: 'canceled', endedAt: JAN } },
        { type: 'SubscriptionStarted', data: { ...subject, price: 500, feeBasisPoints: 1000, periodStart: JAN, periodEnd: FEB, paymentId: 'pay-9', amount: 500, fee: 50, processorFee: null } },
      ],
    ],
    ['a cancelled subscription ends when its period is over', [started, cancelRequested], { type: 'EndSubscription', reason: 'canceled', at: JAN }, [{ type: 'SubscriptionEnded', data: { ...subject, reason: 'canceled', endedAt: JAN } }]],
    ['an unpaid subscription ends at once', [started], { type: 'EndSubscription', reason: 'payment_failed', at: DEC }, [{ type: 'SubscriptionEnded', data: { ...subject, reason: 'payment_failed', endedAt: DEC } }]],
    ['ending what already ended records nothing', [started, { type: 'SubscriptionEnded', data: { ...subject, reason: 'payment_failed', endedAt: DEC } }], { type: 'EndSubscription', reason: 'payment_failed', at: DEC }, []],
    ['a subscription after an ended one starts anew', [started, { type: 'SubscriptionEnded', data: { ...subject, reason: 'payment_failed', endedAt: DEC } }], start({ paymentId: 'pay-3' }), [{ ...started, data: { ...started.data, paymentId: 'pay-3' } } as SubscriptionEvent]],
    ['a gift records the gifter and 30 days', [], giveGift(), [given]],
    ['a gift ends with its period', [given], { type: 'EndSubscription', reason: 'gift_expired', at: JAN }, [{ type: 'SubscriptionEnded', data: { ...subject, reason: 'gift_expired', endedAt: JAN } }]],
    ['cancelling a gift records nothing: it ends by itself', [given], cancel, []],
    [
      'a gift converts into a paid subscription charged from its end at today’s price',
      [given],
      { type: 'ConvertGift', price: 600, feeBasisPoints: 1500, at: '2026-12-15T00:00:00.000Z', maxAmountCents: MAX },
      [converted],
    ],
    [
      'a converted gift renews at the price it was converted with',
      [given, converted],
      renew(),
      [{ type: 'SubscriptionRenewed', data: { ...subject, periodStart: JAN, periodEnd: FEB, paymentId: 'pay-2', amount: 600, fee: 90, processorFee: 45 } }],
    ],
    ['a refund within the payment is recorded', [started], { type: 'RefundPayment', paymentId: 'pay-1', amount: 200, maxAmountCents: MAX }, [refunded(200)]],
    ['a dispute is opened once', [started], { type: 'OpenDispute', paymentId: 'pay-1', disputeId: 'dp-1', amount: 500, maxAmountCents: MAX }, [disputeOpened]],
    ['the same dispute opened again records nothing', [started, disputeOpened], { type: 'OpenDispute', paymentId: 'pay-1', disputeId: 'dp-1', amount: 500, maxAmountCents: MAX }, []],
    [
      'a lost dispute is closed with its amount',
      [started, disputeOpened],
      { type: 'CloseDispute', paymentId: 'pay-1', disputeId: 'dp-1', outcome: 'lost' },
      [{ type: 'DisputeClosed', data: { paymentId: 'pay-1', disputeId: 'dp-1', channelId: ANA, amount: 500, outcome: 'lost' } }],
    ],
  ])('%s', (_, history, when, then) => {
    expect(decide(subscriptionDecider, history, when)).toEqual(then);
  });

  it.each<[string, SubscriptionEvent[], SubscriptionCommand, new (...args: never[]) => Error, string, string | null]>([
    ['subscribing to yourself', [], start({ subscriberId: ANA }), ValidationError, 'cannot_subscribe_to_self', 'channel'],
    ['gifting someone their own channel', [], giveGift({ subscriberId: ANA }), ValidationError, 'cannot_subscribe_to_self', 'channel'],
    ['a second active subscription to the same channel', [started], start({ paymentId: 'pay-9' }), ConflictError, 'already_subscribed', null],
    ['a gift to someone already subscribed', [started], giveGift(), ConflictError, 'already_subscribed', null],
    ['a channel whose owner cannot receive money', [], start({ ownerCanReceiveMoney: false }), ConflictError, 'channel_cannot_receive_money', null],
    ['a gift to a channel whose owner cannot receive money', [], giveGift({ ownerCanReceiveMoney: false }), ConflictError, 'channel_cannot_receive_money', null],
    ['a negative price', [], start({ price: -500 }), ValidationError, 'negative_amount', 'price'],
    ['a fractional price', [], start({ price: 499.5 }), ValidationError, 'fractional_amount', 'price'],
    ['a price over the maximum', [], start({ price: MAX + 1 }), ValidationError, 'amount_over_maximum', 'price'],
    ['a negative processor fee', [], start({ processorFee: -1 }), ValidationError, 'negative_amount', 'processorFee'],
    ['a fee rate over 100%', [], start({ feeBasisPoints: 10_001 }), ValidationError, 'invalid_fee_rate', 'feeBasisPoints'],
    ['a platform product naming a channel', [], start({ product: 'supporter' }), ValidationError, 'invalid_product', 'product'],
    ['a period that ends before it starts', [], start({ periodEnd: DEC }), ValidationError, 'invalid_period', 'periodEnd'],
    ['renewing no subscription', [], renew(), ConflictError, 'not_subscribed', null],
    ['renewing a cancelled subscription', [started, cancelRequested], renew(), ConflictError, 'subscription_ends_at_period_end', null],
    ['renewing a gift', [given], renew(), ConflictError, 'gift_does_not_renew', null],
    ['cancelling no subscription', [], cancel, ConflictError, 'not_subscribed', null],
    ['ending a cancelled subscription before its period is over', [started, cancelRequested], { type: 'EndSubscription', reason: 'canceled', at: DEC }, ConflictError, 'period_not_over', null],
    ['ending as cancelled what was never cancelled', [started], { type: 'EndSubscription', reason: 'canceled', at: FEB }, ConflictError, 'subscription_continues', null],
    ['converting what is no gift', [started], { type: 'ConvertGift', price: 500, feeBasisPoints: 1000, at: DEC, maxAmountCents: MAX }, ConflictError, 'no_gift_to_convert', null],
    ['converting a gift after it ended', [given], { type: 'ConvertGift', price: 500, feeBasisPoints: 1000, at: JAN, maxAmountCents: MAX }, ConflictError, 'gift_expired', null],
    ['refunding more than was paid', [started, refunded(400)], { type: 'RefundPayment', paymentId: 'pay-1', amount: 101, maxAmountCents: MAX }, ValidationError, 'refund_exceeds_payment', 'amount'],
    ['refunding a fraction of a cent', [started], { type: 'RefundPayment', paymentId: 'pay-1', amount: 0.5, maxAmountCents: MAX }, ValidationError, 'fractional_amount', 'amount'],
    ['refunding a payment the stream does not hold', [started], { type: 'RefundPayment', paymentId: 'pay-7', amount: 100, maxAmountCents: MAX }, NotFoundError, 'payment_not_found', 'paymentId'],
    ['refunding what a dispute holds', [started, disputeOpened], { type: 'RefundPayment', paymentId: 'pay-1', amount: 1, maxAmountCents: MAX }, ValidationError, 'refund_exceeds_payment', 'amount'],
    ['a dispute over what is left', [started, refunded(300)], { type: 'OpenDispute', paymentId: 'pay-1', disputeId: 'dp-1', amount: 300, maxAmountCents: MAX }, ValidationError, 'dispute_exceeds_payment', 'amount'],
    ['closing a dispute never opened', [started], { type: 'CloseDispute', paymentId: 'pay-1', disputeId: 'dp-1', outcome: 'won' }, ConflictError, 'dispute_not_open', null],
  ])('refuses %s', (_, history, when, kind, code, field) => {
    const refusal = refusalOf(() => decide(subscriptionDecider, history, when));
    expect(refusal).toBeInstanceOf(kind);
    expect(refusal).toMatchObject({ code, field: field ?? undefined });
  });
});
