import { readModelTable, type RowOf } from '@glint/projection-engine';

/**
 * The ledger's journal: each money event's balanced lines, keyed by the event and the line's
 * number within it, so replaying an event writes the same rows. Each line is a debit or a credit
 * of whole cents to one account.
 */
export const ledgerEntriesTable = readModelTable('ledger_entries', {
  key: ['event_id', 'line'],
  columns: {
    event_id: 'text',
    line: 'integer',
    account: 'text',
    debit_cents: 'bigint',
    credit_cents: 'bigint',
    occurred_at: 'timestamptz',
    source_position: 'bigint',
    source_type: 'text',
  },
});
export type LedgerEntriesTableRow = RowOf<typeof ledgerEntriesTable>;
