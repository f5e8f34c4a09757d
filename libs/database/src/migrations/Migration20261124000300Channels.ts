import { Migration } from '@mikro-orm/migrations';

/**
 * Read models of the channels and community contexts.
 * - channel_page: one row per channel, found by its owner's lower-case username, with the follower
 *   count kept in the row, so the public page is one index look-up of one row.
 * - channel_stream_keys: the SHA-256 of each channel's current stream key, apart from the page so
 *   no page query can ever select it.
 * - channel_moderators: one row per appointed moderator and channel, with each permission.
 * - follows and follow_counts: who follows whom, newest first by the position of the follow
 *   event (unique in the log, so it is also the page cursor), and the counts per user.
 */
export class Migration20261124000300Channels extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE TABLE channel_page (
  channel_id                text        PRIMARY KEY,
  owner_id                  text        NOT NULL,
  username                  text        NOT NULL,
  username_lower            text        NOT NULL,
  title                     text        NOT NULL,
  category                  text        NOT NULL,
  subcategory               text,
  tags                      jsonb       NOT NULL,
  language                  text        NOT NULL,
  mature                    boolean     NOT NULL,
  chat_rules                text        NOT NULL,
  block_links               boolean     NOT NULL,
  require_confirmed_email   boolean     NOT NULL,
  minimum_account_age_hours integer     NOT NULL,
  show_recent_chat_only     boolean     NOT NULL,
  follower_count            integer     NOT NULL DEFAULT 0,
  deleted                   boolean     NOT NULL DEFAULT false,
  created_at                timestamptz NOT NULL,
  updated_at                timestamptz NOT NULL
);
CREATE UNIQUE INDEX channel_page_username_lower_index ON channel_page (username_lower);

CREATE TABLE channel_stream_keys (
  channel_id text        PRIMARY KEY,
  key_hash   text        NOT NULL,
  rotated_at timestamptz NOT NULL
);

CREATE TABLE channel_moderators (
  channel_id         text        NOT NULL,
  moderator_id       text        NOT NULL,
  moderator_username text        NOT NULL,
  can_timeout        boolean     NOT NULL,
  can_un_timeout     boolean     NOT NULL,
  can_ban            boolean     NOT NULL,
  can_unban          boolean     NOT NULL,
  can_delete_message boolean     NOT NULL,
  can_edit           boolean     NOT NULL,
  moderator_deleted  boolean     NOT NULL DEFAULT false,
  appointed_at       timestamptz NOT NULL,
  CONSTRAINT channel_moderators_pkey PRIMARY KEY (channel_id, moderator_id)
);
CREATE INDEX channel_moderators_moderator_index ON channel_moderators (moderator_id);

CREATE TABLE follows (
  channel_id         text        NOT NULL,
  follower_id        text        NOT NULL,
  channel_username   text        NOT NULL,
  follower_username  text        NOT NULL,
  live_notifications boolean     NOT NULL,
  followed_position  bigint      NOT NULL,
  followed_at        timestamptz NOT NULL,
  channel_deleted    boolean     NOT NULL DEFAULT false,
  follower_deleted   boolean     NOT NULL DEFAULT false,
  CONSTRAINT follows_pkey PRIMARY KEY (channel_id, follower_id)
);
CREATE INDEX follows_channel_newest_index ON follows (channel_id, followed_position DESC);
CREATE INDEX follows_follower_newest_index ON follows (follower_id, followed_position DESC);

CREATE TABLE follow_counts (
  user_id   text    PRIMARY KEY,
  followers integer NOT NULL DEFAULT 0 CHECK (followers >= 0),
  following integer NOT NULL DEFAULT 0 CHECK (following >= 0)
);
`);
  }

  override async down(): Promise<void> {
    this.addSql(`
DROP TABLE follow_counts;
DROP TABLE follows;
DROP TABLE channel_moderators;
DROP TABLE channel_stream_keys;
DROP TABLE channel_page;
`);
  }
}
