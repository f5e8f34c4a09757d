import type { EntityManager } from '@mikro-orm/postgresql';

/** One health sample of a broadcast, as its owner and staff read it. */
export interface StreamHealthSample {
  /** The log position of the sample: its place in the broadcast's timeline. */
  position: number;
  sampledAt: Date;
  periodSeconds: number;
  bitrateKbps: number;
  packets: number;
  packetsLost: number;
  nacks: number;
  keyframeRequests: number;
  width: number | null;
  height: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  viewers: number | null;
}

interface SampleRow {
  position: string | number;
  sampled_at: Date;
  period_seconds: number;
  bitrate_kbps: number;
  packets: number;
  packets_lost: number;
  nacks: number;
  keyframe_requests: number;
  width: number | null;
  height: number | null;
  video_codec: string | null;
  audio_codec: string | null;
  viewers: number | null;
}

/** The broadcast's health samples in the order taken: at most `limit`, those after `afterPosition` when given. */
export async function readStreamHealth(em: EntityManager, streamId: string, options: { limit: number; afterPosition?: number }): Promise<StreamHealthSample[]> {
  const rows = await em.execute<SampleRow[]>(
    `SELECT position, sampled_at, period_seconds, bitrate_kbps, packets, packets_lost, nacks, keyframe_requests, width, height, video_codec, audio_codec, viewers
       FROM stream_health_samples WHERE stream_id = ? ${options.afterPosition === undefined ? '' : 'AND position > ?'}
      ORDER BY position LIMIT ?`,
    options.afterPosition === undefined ? [streamId, options.limit] : [streamId, options.afterPosition, options.limit],
  );
  return rows.map((row) => ({
    position: Number(row.position),
    sampledAt: new Date(row.sampled_at),
    periodSeconds: row.period_seconds,
    bitrateKbps: row.bitrate_kbps,
    packets: row.packets,
    packetsLost: row.packets_lost,
    nacks: row.nacks,
    keyframeRequests: row.keyframe_requests,
    width: row.width,
    height: row.height,
    videoCodec: row.video_codec,
    audioCodec: row.audio_codec,
    viewers: row.viewers,
  }));
}
