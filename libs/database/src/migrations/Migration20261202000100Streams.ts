import { Migration } from '@mikro-orm/migrations';

/**
 * Live video's tables. `gateway_heartbeats` is written by each WHIP/WHEP gateway every second or
 * two (operational state, not a fact worth an event); the others are the streams projection's read
 * models: each channel's broadcast count and current stream, the live listing, and every stream's
 * totals once ended (hours streamed, peak and average viewers).
 */
export class Migration20261202000100Streams extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE TABLE gateway_heartbeats (
  gateway_id  text        PRIMARY KEY,
  base_url    text        NOT NULL,
  started_at  timestamptz NOT NULL,
  beat_at     timestamptz NOT NULL
);

CREATE TABLE channel_broadcasts (
  channel_id      uuid    PRIMARY KEY,
  last_sequence   integer NOT NULL,
  live_stream_id  text
);

CREATE TABLE live_streams (
  stream_id         text        PRIMARY KEY,
  channel_id        uuid        NOT NULL UNIQUE,
  username          text        NOT NULL,
  title             text        NOT NULL,
  category          text        NOT NULL,
  subcategory       text,
  tags              text[]      NOT NULL,
  language          text        NOT NULL,
  mature            boolean     NOT NULL,
  gateway_id        text        NOT NULL,
  started_at        timestamptz NOT NULL,
  viewers           integer     NOT NULL DEFAULT 0,
  peak_viewers      integer     NOT NULL DEFAULT 0,
  started_position  bigint      NOT NULL
);
CREATE INDEX live_streams_category ON live_streams (category);
CREATE INDEX live_streams_tags ON live_streams USING gin (tags);

CREATE TABLE stream_history (
  stream_id         text        PRIMARY KEY,
  channel_id        uuid        NOT NULL,
  sequence          integer     NOT NULL,
  title             text        NOT NULL,
  category          text        NOT NULL,
  gateway_id        text        NOT NULL,
  started_at        timestamptz NOT NULL,
  ended_at          timestamptz,
  end_reason        text,
  duration_seconds  integer,
  peak_viewers      integer     NOT NULL DEFAULT 0,
  average_viewers   double precision NOT NULL DEFAULT 0,
  total_views       integer     NOT NULL DEFAULT 0
);
CREATE INDEX stream_history_channel ON stream_history (channel_id, sequence);
`);
  }
}
