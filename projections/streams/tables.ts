import { nullable, readModelTable, type RowOf } from '@glint/projection-engine';

/** Each channel's broadcast count, and its stream while one is live. */
export const channelBroadcastsTable = readModelTable('channel_broadcasts', {
  key: ['channel_id'],
  columns: { channel_id: 'uuid', last_sequence: 'integer', live_stream_id: nullable('text') },
});
export type ChannelBroadcastsTableRow = RowOf<typeof channelBroadcastsTable>;

/** The live listing: a row from StreamStarted to StreamEnded. */
export const liveStreamsTable = readModelTable('live_streams', {
  key: ['stream_id'],
  columns: {
    stream_id: 'text',
    channel_id: 'uuid',
    username: 'text',
    title: 'text',
    category: 'text',
    subcategory: nullable('text'),
    tags: 'text[]',
    language: 'text',
    mature: 'boolean',
    gateway_id: 'text',
    started_at: 'timestamptz',
    viewers: 'integer',
    peak_viewers: 'integer',
    started_position: 'bigint',
  },
});
export type LiveStreamsTableRow = RowOf<typeof liveStreamsTable>;

/** Every broadcast, with its totals once it ended. */
export const streamHistoryTable = readModelTable('stream_history', {
  key: ['stream_id'],
  columns: {
    stream_id: 'text',
    channel_id: 'uuid',
    sequence: 'integer',
    title: 'text',
    category: 'text',
    gateway_id: 'text',
    started_at: 'timestamptz',
    ended_at: nullable('timestamptz'),
    end_reason: nullable('text'),
    duration_seconds: nullable('integer'),
    peak_viewers: 'integer',
    average_viewers: 'double precision',
    total_views: 'integer',
  },
});
export type StreamHistoryTableRow = RowOf<typeof streamHistoryTable>;
