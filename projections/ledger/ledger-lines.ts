import type { MoneyEvent, PaymentFacts } from '@glint/payments/events';

/** One side of an entry: whole cents debited or credited to an account. */
export interface LedgerLine {
  account: string;
  debit: number;
  credit: number;
}

export const CASH = 'cash:stripe';
export const PLATFORM_REVENUE = 'revenue:platform';
export const PROCESSOR_FEES = 'fees:stripe';
export const REFUNDS = 'refunds';
/** Money a bank holds back while a dispute is open. */
export const DISPUTES = 'disputes';
export const LOST_DISPUTES = 'expenses:disputes';
export const WITHHOLDING = 'withholding';
export const payableTo = (streamerId: string): string => `payable:streamer:${streamerId}`;
export const expensesOf = (kind: string): string => `expenses:${kind}`;

const debit = (account: string, cents: number): LedgerLine => ({ account, debit: cents, credit: 0 });
const credit = (account: string, cents: number): LedgerLine => ({ account, debit: 0, credit: cents });

/**
 * The lines a money event books; every event's lines balance (debits equal credits). A channel's
 * id is its owner's, the streamer owed its share. Lines of zero cents are left out.
 */
export function ledgerLines(event: MoneyEvent): LedgerLine[] {
  const lines = linesOf(event);
  return lines.filter((line) => line.debit !== 0 || line.credit !== 0);
}

function linesOf(event: MoneyEvent): LedgerLine[] {
  switch (event.type) {
    case 'SubscriptionStarted':
    case 'SubscriptionRenewed':
    case 'GiftSubscriptionGiven': {
      // The platform absorbs the processor's fee on subscriptions.
      const { channelId } = event.data;
      return [...charge(event.data, channelId), ...processorFee(event.data.processorFee, PROCESSOR_FEES)];
    }
    case 'DonationMade': {
      // On donations the processor's fee comes out of what the streamer is owed.
      const { channelId } = event.data;
      return [...charge(event.data, channelId), ...processorFee(event.data.processorFee, payableTo(channelId))];
    }
    case 'PaymentRefunded': {
      const { channelId, amount } = event.data;
      return [debit(channelId === null ? REFUNDS : payableTo(channelId), amount), credit(CASH, amount)];
    }
    case 'DisputeOpened':
      return [debit(DISPUTES, event.data.amount), credit(CASH, event.data.amount)];
    case 'DisputeClosed': {
      const { channelId, amount, outcome } = event.data;
      if (outcome === 'won') return [debit(CASH, amount), credit(DISPUTES, amount)];
      return [debit(channelId === null ? LOST_DISPUTES : payableTo(channelId), amount), credit(DISPUTES, amount)];
    }
  }
}

function charge({ amount, fee }: PaymentFacts, channelId: string | null): LedgerLine[] {
  if (channelId === null) return [debit(CASH, amount), credit(PLATFORM_REVENUE, amount)];
  return [debit(CASH, amount), credit(PLATFORM_REVENUE, fee), credit(payableTo(channelId), amount - fee)];
}

function processorFee(cents: number | null, chargedTo: string): LedgerLine[] {
  return cents === null ? [] : [debit(chargedTo, cents), credit(CASH, cents)];
}
