import { nullable, readModelTable, type RowOf } from '@glint/projection-engine';

/** Every health sample of a broadcast; the key (stream_id, position) serves its samples in the order taken. */
export const streamHealthSamplesTable = readModelTable('stream_health_samples', {
  key: ['stream_id', 'position'],
  columns: {
    stream_id: 'text',
    position: 'bigint',
    channel_id: 'uuid',
    sampled_at: 'timestamptz',
    period_seconds: 'double precision',
    bitrate_kbps: 'double precision',
    packets: 'integer',
    packets_lost: 'integer',
    nacks: 'integer',
    keyframe_requests: 'integer',
    width: nullable('integer'),
    height: nullable('integer'),
    video_codec: nullable('text'),
    audio_codec: nullable('text'),
    /** The viewers of the latest viewer-count sample before it; null before the first. */
    viewers: nullable('integer'),
  },
});
export type StreamHealthSamplesTableRow = RowOf<typeof streamHealthSamplesTable>;

/** Each live broadcast's latest viewer count, which its next health sample carries. */
export const streamHealthViewersTable = readModelTable('stream_health_viewers', {
  key: ['stream_id'],
  columns: { stream_id: 'text', viewers: 'integer' },
});
export type StreamHealthViewersTableRow = RowOf<typeof streamHealthViewersTable>;
