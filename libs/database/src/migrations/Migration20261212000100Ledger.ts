import { Migration } from '@mikro-orm/migrations';

/**
 * The ledger projection's journal: every money event's balanced lines, keyed by the event and
 * the line's number, read per account up to a moment and per period.
 */
export class Migration20261212000100Ledger extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE TABLE ledger_entries (
  event_id         text        NOT NULL,
  line             integer     NOT NULL,
  account          text        NOT NULL,
  debit_cents      bigint      NOT NULL CHECK (debit_cents >= 0),
  credit_cents     bigint      NOT NULL CHECK (credit_cents >= 0),
  occurred_at      timestamptz NOT NULL,
  source_position  bigint      NOT NULL,
  source_type      text        NOT NULL,
  PRIMARY KEY (event_id, line)
);

CREATE INDEX ledger_entries_account_time ON ledger_entries (account, occurred_at);
CREATE INDEX ledger_entries_time ON ledger_entries (occurred_at);
`);
  }
}
