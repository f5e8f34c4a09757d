import { ValidationError, NotFoundError, ConflictError } from '@glint/domain-errors';
import { unreachable } from '@glint/event-sourcing';
import type { RefundsAndDisputesEvent } from './events';
import { assertCents } from './money';

/** What a stream knows of one of its payments, to keep refunds and disputes within it. */
export interface PaymentRecord {
  amount: number;
  channelId: string | null;
  refunded: number;
  /** Open disputes, by id, with their amounts. */
  openDisputes: Record<string, number>;
  lostToDisputes: number;
  closedDisputes: string[];
}

export type Payments = Readonly<Record<string, PaymentRecord>>;

export type RefundPayment = { type: 'RefundPayment'; paymentId: string; amount: number; maxAmountCents: number };
export type OpenDispute = { type: 'OpenDispute'; paymentId: string; disputeId: string; amount: number; maxAmountCents: number };
export type CloseDispute = { type: 'CloseDispute'; paymentId: string; disputeId: string; outcome: 'won' | 'lost' };
export type PaymentCorrection = RefundPayment | OpenDispute | CloseDispute;

export const newPayment = (amount: number, channelId: string | null): PaymentRecord => ({ amount, channelId, refunded: 0, openDisputes: {}, lostToDisputes: 0, closedDisputes: [] });

/** What of the payment is still with Glint: neither refunded, nor held or lost in a dispute. */
export function remainingOf(payment: PaymentRecord): number {
  const held = Object.values(payment.openDisputes).reduce((sum, amount) => sum + amount, 0);
  return payment.amount - payment.refunded - payment.lostToDisputes - held;
}

export function evolvePayments(payments: Payments, event: RefundsAndDisputesEvent): Payments {
  const payment = payments[event.data.paymentId];
  if (!payment) return payments;
  switch (event.type) {
    case 'PaymentRefunded':
      return { ...payments, [event.data.paymentId]: { ...payment, refunded: payment.refunded + event.data.amount } };
    case 'DisputeOpened':
      return { ...payments, [event.data.paymentId]: { ...payment, openDisputes: { ...payment.openDisputes, [event.data.disputeId]: event.data.amount } } };
    case 'DisputeClosed': {
      const { [event.data.disputeId]: _closed, ...open } = payment.openDisputes;
      const lost = event.data.outcome === 'lost' ? event.data.amount : 0;
      return { ...payments, [event.data.paymentId]: { ...payment, openDisputes: open, lostToDisputes: payment.lostToDisputes + lost, closedDisputes: [...payment.closedDisputes, event.data.disputeId] } };
    }
    default:
      return unreachable(event);
  }
}

/**
 * Refunds and disputes of a payment the stream recorded. Neither may take back more than is left
 * of it; a dispute already opened or closed records nothing again (Stripe delivers twice).
 */
export function decidePaymentCorrection(command: PaymentCorrection, payments: Payments): RefundsAndDisputesEvent[] {
  const payment = payments[command.paymentId];
  if (!payment) throw new NotFoundError('payment_not_found', `There is no payment ${command.paymentId} here.`, 'paymentId');
  const { paymentId } = command;
  const { channelId } = payment;
  switch (command.type) {
    case 'RefundPayment': {
      assertCents('amount', command.amount, command.maxAmountCents);
      if (command.amount === 0) throw new ValidationError('zero_amount', 'A refund must give back at least one cent.', 'amount');
      const remaining = remainingOf(payment);
      if (command.amount > remaining) throw new ValidationError('refund_exceeds_payment', `Only ${remaining} cents of payment ${paymentId} can still be refunded.`, 'amount');
      return [{ type: 'PaymentRefunded', data: { paymentId, channelId, amount: command.amount } }];
    }
    case 'OpenDispute': {
      if (command.disputeId in payment.openDisputes || payment.closedDisputes.includes(command.disputeId)) return [];
      assertCents('amount', command.amount, command.maxAmountCents);
      const remaining = remainingOf(payment);
      if (command.amount === 0 || command.amount > remaining) throw new ValidationError('dispute_exceeds_payment', `A dispute of payment ${paymentId} must be 1 to ${remaining} cents.`, 'amount');
      return [{ type: 'DisputeOpened', data: { paymentId, disputeId: command.disputeId, channelId, amount: command.amount } }];
    }
    case 'CloseDispute': {
      if (payment.closedDisputes.includes(command.disputeId)) return [];
      const amount = payment.openDisputes[command.disputeId];
      if (amount === undefined) throw new ConflictError('dispute_not_open', `Dispute ${command.disputeId} of payment ${paymentId} is not open.`);
      return [{ type: 'DisputeClosed', data: { paymentId, disputeId: command.disputeId, channelId, amount, outcome: command.outcome } }];
    }
    default:
      return unreachable(command);
  }
}
