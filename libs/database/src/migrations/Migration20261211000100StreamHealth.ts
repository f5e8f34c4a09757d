import { Migration } from '@mikro-orm/migrations';

/**
 * The stream_health projection's read models: every health sample of a broadcast in the order it
 * was taken, with the viewers watching then, and each live broadcast's latest viewer count, which
 * the next health sample carries.
 */
export class Migration20261211000100StreamHealth extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
CREATE TABLE stream_health_samples (
  stream_id          text             NOT NULL,
  position           bigint           NOT NULL,
  channel_id         uuid             NOT NULL,
  sampled_at         timestamptz      NOT NULL,
  period_seconds     double precision NOT NULL,
  bitrate_kbps       double precision NOT NULL,
  packets            integer          NOT NULL,
  packets_lost       integer          NOT NULL,
  nacks              integer          NOT NULL,
  keyframe_requests  integer          NOT NULL,
  width              integer,
  height             integer,
  video_codec        text,
  audio_codec        text,
  viewers            integer,
  PRIMARY KEY (stream_id, position)
);

CREATE TABLE stream_health_viewers (
  stream_id  text    PRIMARY KEY,
  viewers    integer NOT NULL
);
`);
  }
}
