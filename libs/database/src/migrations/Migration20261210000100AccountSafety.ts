import { Migration } from '@mikro-orm/migrations';

/**
 * Account safety and mail that leaves.
 * - `blind_index_keys`: the keys of the vault's keyed hashes (one per purpose), beside the users'
 *   keys and outside the log: an e-mail address claim is found by its hash, never by the address.
 * - `mail_outbox` also owes password-reset mails.
 * - `mail_delivery_attempts`: when the outbox worker may try a mail the mail service refused
 *   again; written beside `mail_deliveries`, never by a projection.
 * - `development_mailbox`: where mails go when no MAIL_URL is set, each sealed with its
 *   recipient's key, so erasing the account erases its mails. Never a read model.
 */
export class Migration20261210000100AccountSafety extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE TABLE blind_index_keys (
  purpose    text        PRIMARY KEY,
  key        bytea       NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE mail_outbox DROP CONSTRAINT IF EXISTS mail_outbox_kind_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check CHECK (kind IN ('email_confirmation', 'password_reset'));

CREATE TABLE mail_delivery_attempts (
  event_id        uuid        PRIMARY KEY,
  attempts        integer     NOT NULL CHECK (attempts > 0),
  next_attempt_at timestamptz NOT NULL
);

CREATE TABLE development_mailbox (
  idempotency_key text        PRIMARY KEY,
  recipient_id    text        NOT NULL,
  sent_at         timestamptz NOT NULL DEFAULT now(),
  mail_sealed     text        NOT NULL
);
CREATE INDEX development_mailbox_sent_at_index ON development_mailbox (sent_at DESC);
`);
  }

  override async down(): Promise<void> {
    this.addSql(`
DROP TABLE development_mailbox;
DROP TABLE mail_delivery_attempts;
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_kind_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check CHECK (kind IN ('email_confirmation'));
DROP TABLE blind_index_keys;
`);
  }
}
