import { ConflictError, ValidationError } from '@glint/domain-errors';
import { unreachable, type Decider } from '@glint/event-sourcing';
import type { DonationEvent } from './events';
import { assertCents } from './money';
import { decidePaymentCorrection, evolvePayments, newPayment, type PaymentCorrection, type Payments } from './payment-record';

/** One donation: made once, then perhaps refunded or disputed. */
export interface Donation {
  made: boolean;
  payments: Payments;
}

export type MakeDonation = {
  type: 'MakeDonation';
  paymentId: string;
  donorId: string;
  channelId: string;
  amount: number;
  processorFee: number | null;
  ownerCanReceiveMoney: boolean;
  minCents: number;
  maxCents: number;
  maxAmountCents: number;
};

export type DonationCommand = MakeDonation | PaymentCorrection;

export const initialState: Donation = { made: false, payments: {} };

export function evolve(state: Donation, event: DonationEvent): Donation {
  switch (event.type) {
    case 'DonationMade':
      return { made: true, payments: { [event.data.paymentId]: newPayment(event.data.amount, event.data.channelId) } };
    case 'PaymentRefunded':
    case 'DisputeOpened':
    case 'DisputeClosed':
      return { ...state, payments: evolvePayments(state.payments, event) };
    default:
      return unreachable(event);
  }
}

/** A donation goes whole to the channel (the processor's fee, once known, comes out of it); the same payment twice records it once. */
export function decide(command: DonationCommand, state: Donation): DonationEvent[] {
  switch (command.type) {
    case 'MakeDonation': {
      if (state.made) return [];
      if (command.donorId === command.channelId) throw new ValidationError('cannot_donate_to_self', 'You cannot donate to your own channel.', 'channel');
      assertCents('amount', command.amount, command.maxAmountCents);
      if (command.amount < command.minCents || command.amount > command.maxCents) {
        throw new ValidationError('donation_out_of_range', `A donation is ${command.minCents} to ${command.maxCents} cents (got ${command.amount}).`, 'amount');
      }
      if (command.processorFee !== null) {
        assertCents('processorFee', command.processorFee, command.maxAmountCents);
        if (command.processorFee > command.amount) throw new ValidationError('fee_exceeds_amount', 'The processor fee cannot exceed the donation.', 'processorFee');
      }
      if (!command.ownerCanReceiveMoney) throw new ConflictError('channel_cannot_receive_money', 'This channel cannot take donations yet: its owner has not set up payouts.');
      const { paymentId, donorId, channelId, amount, processorFee } = command;
      return [{ type: 'DonationMade', data: { paymentId, donorId, channelId, amount, fee: 0, processorFee } }];
    }
    case 'RefundPayment':
    case 'OpenDispute':
    case 'CloseDispute':
      return decidePaymentCorrection(command, state.payments);
    default:
      return unreachable(command);
  }
}

export const donationDecider: Decider<Donation, DonationCommand, DonationEvent> = { initialState, evolve, decide };
