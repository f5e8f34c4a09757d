import { Migration } from '@mikro-orm/migrations';

/**
 * The moderation context's read models. No serial columns: rows are keyed by what the events say
 * (channel and user, report id, or the event's log position), so a rebuild's copy of a table
 * produces exactly the same rows.
 *
 * - chat_standing: one row per user a channel ever moderated; chat reads it before every message.
 * - moderation_log: one row per moderation action, newest first per channel.
 * - moderation_usernames: the public handle of every account, kept after the account is deleted
 *   so the logs keep naming who did what.
 * - user_reports: the staff's queue; notes stay sealed with the reporter's key.
 * - staff_audit_log: one row per staff action, by log position.
 */
export class Migration20261124000400Moderation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE TABLE chat_standing (
  channel_id      text        NOT NULL,
  user_id         text        NOT NULL,
  banned          boolean     NOT NULL DEFAULT false,
  timed_out_until timestamptz,
  CONSTRAINT chat_standing_pkey PRIMARY KEY (channel_id, user_id)
);

CREATE TABLE moderation_log (
  position         bigint      NOT NULL,
  channel_id       text        NOT NULL,
  action           text        NOT NULL CHECK (action IN ('timeout', 'untimeout', 'ban', 'unban', 'delete_message')),
  moderator_id     text        NOT NULL,
  target_user_id   text        NOT NULL,
  duration_seconds integer,
  reason           text,
  message_id       text,
  occurred_at      timestamptz NOT NULL,
  CONSTRAINT moderation_log_pkey PRIMARY KEY (position)
);
CREATE INDEX moderation_log_channel_position_index ON moderation_log (channel_id, position DESC);

CREATE TABLE moderation_usernames (
  user_id  text    NOT NULL,
  username text    NOT NULL,
  deleted  boolean NOT NULL DEFAULT false,
  CONSTRAINT moderation_usernames_pkey PRIMARY KEY (user_id)
);

CREATE TABLE user_reports (
  report_id       uuid        NOT NULL,
  position        bigint      NOT NULL,
  reporter_id     text        NOT NULL,
  target_user_id  text        NOT NULL,
  channel_id      text,
  place           text        NOT NULL CHECK (place IN ('stream', 'chat', 'profile', 'username')),
  reason          text        NOT NULL CHECK (reason IN ('hate_speech', 'inappropriate_content', 'copyright_or_law', 'other')),
  notes_sealed    text,
  status          text        NOT NULL CHECK (status IN ('open', 'resolved')),
  resolution      text        CHECK (resolution IN ('actioned', 'dismissed')),
  resolution_note text,
  resolved_by     text,
  reported_at     timestamptz NOT NULL,
  resolved_at     timestamptz,
  CONSTRAINT user_reports_pkey PRIMARY KEY (report_id)
);
CREATE INDEX user_reports_status_position_index ON user_reports (status, position DESC);

CREATE TABLE staff_audit_log (
  position        bigint      NOT NULL,
  event_id        uuid        NOT NULL,
  event_type      text        NOT NULL,
  stream_name     text        NOT NULL,
  actor_type      text        NOT NULL,
  actor_id        text,
  actor_role      text,
  subject_user_id text,
  channel_id      text,
  reason          text,
  correlation_id  text        NOT NULL,
  occurred_at     timestamptz NOT NULL,
  CONSTRAINT staff_audit_log_pkey PRIMARY KEY (position)
);
`);
  }

  override async down(): Promise<void> {
    this.addSql(`
DROP TABLE staff_audit_log;
DROP TABLE user_reports;
DROP TABLE moderation_usernames;
DROP TABLE moderation_log;
DROP TABLE chat_standing;
`);
  }
}
