import type { MoneyEvent } from '@glint/payments/events';
import type { Recorded } from '@glint/eventstore';
import { defineProjection, type TableWriters } from '@glint/projection-engine';
import { ledgerLines } from './ledger-lines';
import { ledgerEntriesTable } from './tables';

const tables = { ledger_entries: ledgerEntriesTable };

/** Books one event's balanced lines, numbered from 1 in the order `ledgerLines` gives them. */
function book<E extends MoneyEvent>(event: Recorded<E>, writers: TableWriters<typeof tables>): void {
  // Recorded<E> keeps the type and data apart; together they are the event E was.
  ledgerLines({ type: event.type, data: event.data } as MoneyEvent).forEach((line, index) => {
    writers.ledger_entries.put({
      event_id: event.id,
      line: index + 1,
      account: line.account,
      debit_cents: line.debit,
      credit_cents: line.credit,
      occurred_at: new Date(event.metadata.occurredAt),
      source_position: event.position,
      source_type: event.type,
    });
  });
}

/**
 * The double-entry ledger: every event that moves money becomes lines that balance, so debits
 * equal credits for any period and any set of events, and each figure traces back to the events
 * (by id and position) behind it.
 */
export const ledger = defineProjection<MoneyEvent>()({
  name: 'ledger',
  tables,
  handlers: {
    SubscriptionStarted: book,
    SubscriptionRenewed: book,
    GiftSubscriptionGiven: book,
    DonationMade: book,
    PaymentRefunded: book,
    DisputeOpened: book,
    DisputeClosed: book,
  },
});
