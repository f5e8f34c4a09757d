import { Migration } from '@mikro-orm/migrations';

/**
 * The identity context's read models, and the mail outbox's delivery record.
 * - `accounts`, `sessions`, `email_confirmation_tokens`: the `accounts` projection. A bearer token
 *   becomes a principal through one look-up of its hash joined to its account by primary key.
 * - `mail_outbox`: the `mail_outbox` projection, one row per mail event, keyed by the event id.
 * - `mail_deliveries`: written by the outbox worker, never by a projection, so a rebuild of
 *   `mail_outbox` leaves it alone and sends nothing twice.
 * No serial columns and no foreign keys: a rebuild copies each table and swaps it in on its own.
 */
export class Migration20261124000100Identity extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE TABLE accounts (
  user_id             text        PRIMARY KEY,
  username            text        NOT NULL,
  email_sealed        text        NOT NULL,
  email_confirmed     boolean     NOT NULL,
  created_at          timestamptz NOT NULL,
  staff_role          text        CHECK (staff_role IN ('support', 'analyst', 'admin')),
  two_factor_enabled  boolean     NOT NULL,
  global_ban_reason   text,
  streaming_suspended boolean     NOT NULL,
  deleted_at          timestamptz
);
CREATE UNIQUE INDEX accounts_username_lower_index ON accounts (lower(username));

CREATE TABLE sessions (
  session_id text        PRIMARY KEY,
  token_hash text        NOT NULL,
  user_id    text        NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX sessions_token_hash_index ON sessions (token_hash);
CREATE INDEX sessions_user_id_index ON sessions (user_id);

CREATE TABLE email_confirmation_tokens (
  token_hash text        PRIMARY KEY,
  user_id    text        NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX email_confirmation_tokens_user_id_index ON email_confirmation_tokens (user_id);

CREATE TABLE mail_outbox (
  event_id     uuid        PRIMARY KEY,
  position     bigint      NOT NULL,
  user_id      text        NOT NULL,
  kind         text        NOT NULL CHECK (kind IN ('email_confirmation')),
  email_sealed text        NOT NULL,
  token_sealed text        NOT NULL,
  expires_at   timestamptz NOT NULL
);
-- The worker looks only at mails whose link still works: the last day's, however long the table grows.
CREATE INDEX mail_outbox_expires_at_index ON mail_outbox (expires_at);

CREATE TABLE mail_deliveries (
  event_id     uuid        PRIMARY KEY,
  outcome      text        NOT NULL CHECK (outcome IN ('sent', 'skipped_account_deleted')),
  delivered_at timestamptz NOT NULL DEFAULT now()
);
`);
  }

  override async down(): Promise<void> {
    this.addSql(`
DROP TABLE mail_deliveries;
DROP TABLE mail_outbox;
DROP TABLE email_confirmation_tokens;
DROP TABLE sessions;
DROP TABLE accounts;
`);
  }
}
