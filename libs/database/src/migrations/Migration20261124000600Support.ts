import { Migration } from '@mikro-orm/migrations';

/**
 * The support_tickets read model: one row per ticket and one per message. Message bodies stay
 * sealed here, as in the events; a query opens them when it serves them. Rows are ordered by the
 * log position of the event that made them (no serial column, so a rebuild's copy is exact).
 */
export class Migration20261124000600Support extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE TABLE support_tickets (
  ticket_id       uuid        PRIMARY KEY,
  user_id         text        NOT NULL,
  subject         text        NOT NULL,
  status          text        NOT NULL CHECK (status IN ('open', 'closed')),
  opened_position bigint      NOT NULL,
  opened_at       timestamptz NOT NULL,
  last_message_at timestamptz NOT NULL,
  message_count   integer     NOT NULL,
  closed_at       timestamptz,
  closed_by       text
);

CREATE INDEX support_tickets_user_index ON support_tickets (user_id, opened_position DESC);
CREATE INDEX support_tickets_status_index ON support_tickets (status, opened_position DESC);

CREATE TABLE support_ticket_messages (
  ticket_id  uuid        NOT NULL,
  position   bigint      NOT NULL,
  author_id  text        NOT NULL,
  by_staff   boolean     NOT NULL,
  body       text        NOT NULL,
  written_at timestamptz NOT NULL,
  CONSTRAINT support_ticket_messages_pkey PRIMARY KEY (ticket_id, position)
);
`);
  }

  override async down(): Promise<void> {
    this.addSql(`
DROP TABLE support_ticket_messages;
DROP TABLE support_tickets;
`);
  }
}
