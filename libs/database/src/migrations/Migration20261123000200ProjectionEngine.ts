import { Migration } from '@mikro-orm/migrations';

/**
 * The projection engine's checkpoints and the account_history read model.
 * account_history has no serial column: a rebuild copies the table, and a copy must not share a
 * sequence with the table it replaces. Its primary key (user_id, position) makes a row per user
 * and event, and a backward scan of it serves the newest-first pages of one user.
 */
export class Migration20261123000200ProjectionEngine extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE TABLE projection_checkpoints (
  name       text        PRIMARY KEY,
  position   bigint      NOT NULL DEFAULT 0 CHECK (position >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE account_history (
  user_id        text        NOT NULL,
  position       bigint      NOT NULL,
  event_id       uuid        NOT NULL,
  event_type     text        NOT NULL,
  stream_name    text        NOT NULL,
  relation       text        NOT NULL CHECK (relation IN ('actor', 'subject', 'both')),
  actor          jsonb       NOT NULL,
  correlation_id text        NOT NULL,
  occurred_at    timestamptz NOT NULL,
  recorded_at    timestamptz NOT NULL,
  CONSTRAINT account_history_pkey PRIMARY KEY (user_id, position)
);

CREATE INDEX account_history_user_type_position_index ON account_history (user_id, event_type, position DESC);
`);
  }

  override async down(): Promise<void> {
    this.addSql(`
DROP TABLE account_history;
DROP TABLE projection_checkpoints;
`);
  }
}
