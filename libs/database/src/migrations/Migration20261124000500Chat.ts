import { Migration } from '@mikro-orm/migrations';

/**
 * The chat_history read model, and where the live relay keeps its place in the log.
 * chat_history keeps message texts sealed (opened when served), so erasing an account makes its
 * messages unreadable without touching a row. The partial index serves "the newest messages of a
 * channel still shown", the one query a chat join runs.
 */
export class Migration20261124000500Chat extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE TABLE chat_history (
  channel_id      text        NOT NULL,
  message_id      text        NOT NULL,
  position        bigint      NOT NULL,
  sender_id       text        NOT NULL,
  sender_username text,
  text_sealed     text        NOT NULL,
  sent_at         timestamptz NOT NULL,
  deleted_at      timestamptz,
  CONSTRAINT chat_history_pkey PRIMARY KEY (channel_id, message_id)
);

CREATE INDEX chat_history_shown_index ON chat_history (channel_id, position DESC) WHERE deleted_at IS NULL;

CREATE TABLE live_relay_checkpoints (
  name       text        PRIMARY KEY,
  position   bigint      NOT NULL CHECK (position >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
`);
  }

  override async down(): Promise<void> {
    this.addSql(`
DROP TABLE live_relay_checkpoints;
DROP TABLE chat_history;
`);
  }
}
