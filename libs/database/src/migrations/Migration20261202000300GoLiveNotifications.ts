import { Migration } from '@mikro-orm/migrations';

/**
 * Go-live notifications. `go_live_notifications` holds, per channel and follower, the last stream
 * a follower was notified of and when: the claim that keeps it to once per channel per follower per
 * hour, and what of it went out (the mail, the live-update frame), so a retried job sends only the
 * rest. `reactor_checkpoints` is where reactors that follow the log (the one queueing these jobs)
 * resume from. Neither is a read model: rebuilding one notifies no one again.
 */
export class Migration20261202000300GoLiveNotifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE TABLE go_live_notifications (
  channel_id      text        NOT NULL,
  follower_id     text        NOT NULL,
  stream_id       text        NOT NULL,
  sent_at         timestamptz NOT NULL,
  mail_outcome    text        CHECK (mail_outcome IN ('sent', 'skipped_account_deleted', 'skipped_email_unconfirmed')),
  frame_published boolean     NOT NULL DEFAULT false,
  CONSTRAINT go_live_notifications_pkey PRIMARY KEY (channel_id, follower_id)
);
CREATE INDEX go_live_notifications_stream_index ON go_live_notifications (stream_id);

CREATE TABLE reactor_checkpoints (
  name       text        PRIMARY KEY,
  position   bigint      NOT NULL CHECK (position >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
`);
  }

  override async down(): Promise<void> {
    this.addSql(`
DROP TABLE reactor_checkpoints;
DROP TABLE go_live_notifications;
`);
  }
}
