import { ConflictError, ValidationError } from '@glint/domain-errors';
import { decide, refusalOf } from '@glint/testing';
import { donationDecider, type DonationCommand, type MakeDonation } from './donation-decider';
import type { DonationEvent } from './events';

const ANA = 'a0000000-0000-4000-8000-000000000001';
const BEN = 'b0000000-0000-4000-8000-000000000002';

const donate = (overrides: Partial<MakeDonation> = {}): DonationCommand => ({
  type: 'MakeDonation',
  paymentId: 'don-1',
  donorId: BEN,
  channelId: ANA,
  amount: 2000,
  processorFee: 88,
  ownerCanReceiveMoney: true,
  minCents: 100,
  maxCents: 10_000,
  maxAmountCents: 1_000_000,
  ...overrides,
});
const made: DonationEvent = { type: 'DonationMade', data: { paymentId: 'don-1', donorId: BEN, channelId: ANA, amount: 2000, fee: 0, processorFee: 88 } };
const refunded: DonationEvent = { type: 'PaymentRefunded', data: { paymentId: 'don-1', channelId: ANA, amount: 2000 } };

describe('the donation decider', () => {
  it.each<[string, DonationEvent[], DonationCommand, DonationEvent[]]>([
    ['a donation records it, all of it owed to the channel', [], donate(), [made]],
    ['the smallest donation is taken', [], donate({ amount: 100, processorFee: null }), [{ type: 'DonationMade', data: { ...made.data, amount: 100, processorFee: null } } as DonationEvent]],
    ['the same payment again records nothing', [made], donate(), []],
    ['a refund of the whole donation is recorded', [made], { type: 'RefundPayment', paymentId: 'don-1', amount: 2000, maxAmountCents: 1_000_000 }, [refunded]],
    [
      'a dispute won is closed as won',
      [made, { type: 'DisputeOpened', data: { paymentId: 'don-1', disputeId: 'dp-1', channelId: ANA, amount: 2000 } }],
      { type: 'CloseDispute', paymentId: 'don-1', disputeId: 'dp-1', outcome: 'won' },
      [{ type: 'DisputeClosed', data: { paymentId: 'don-1', disputeId: 'dp-1', channelId: ANA, amount: 2000, outcome: 'won' } }],
    ],
  ])('%s', (_, history, when, then) => {
    expect(decide(donationDecider, history, when)).toEqual(then);
  });

  it.each<[string, DonationEvent[], DonationCommand, new (...args: never[]) => Error, string, string | null]>([
    ['donating to yourself', [], donate({ donorId: ANA }), ValidationError, 'cannot_donate_to_self', 'channel'],
    ['a donation under the smallest', [], donate({ amount: 99 }), ValidationError, 'donation_out_of_range', 'amount'],
    ['a donation over the largest', [], donate({ amount: 10_001 }), ValidationError, 'donation_out_of_range', 'amount'],
    ['a negative donation', [], donate({ amount: -100 }), ValidationError, 'negative_amount', 'amount'],
    ['a fractional donation', [], donate({ amount: 150.25 }), ValidationError, 'fractional_amount', 'amount'],
    ['a donation over the maximum amount', [], donate({ amount: 2_000_000, maxCents: 5_000_000 }), ValidationError, 'amount_over_maximum', 'amount'],
    ['a processor fee over the donation', [], donate({ processorFee: 2001 }), ValidationError, 'fee_exceeds_amount', 'processorFee'],
    ['a channel whose owner cannot receive money', [], donate({ ownerCanReceiveMoney: false }), ConflictError, 'channel_cannot_receive_money', null],
    ['a second refund of a refunded donation', [made, refunded], { type: 'RefundPayment', paymentId: 'don-1', amount: 1, maxAmountCents: 1_000_000 }, ValidationError, 'refund_exceeds_payment', 'amount'],
    ['a refund of nothing', [made], { type: 'RefundPayment', paymentId: 'don-1', amount: 0, maxAmountCents: 1_000_000 }, ValidationError, 'zero_amount', 'amount'],
  ])('refuses %s', (_, history, when, kind, code, field) => {
    const refusal = refusalOf(() => decide(donationDecider, history, when));
    expect(refusal).toBeInstanceOf(kind);
    expect(refusal).toMatchObject({ code, field: field ?? undefined });
  });
});
