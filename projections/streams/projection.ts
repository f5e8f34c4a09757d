import type { AccountDeleted } from '@glint/identity/events';
import { defineProjection } from '@glint/projection-engine';
import type { StreamEnded, StreamInfo, StreamMetadataChanged, StreamStarted, ViewerCountSampled } from '@glint/streams/events';
import { channelBroadcastsTable, liveStreamsTable, streamHistoryTable, type LiveStreamsTableRow, type StreamHistoryTableRow } from './tables';

/** The live row's columns are named as the info's fields are. */
const LIVE_FIELDS: ReadonlyArray<keyof StreamInfo> = ['title', 'category', 'subcategory', 'tags', 'language', 'mature'];
/** Stream history keeps what the hours-streamed and past-broadcasts views show. */
const HISTORY_FIELDS: ReadonlyArray<keyof StreamInfo & keyof StreamHistoryTableRow> = ['title', 'category'];

function changed<Row>(changes: Partial<StreamInfo>, fields: ReadonlyArray<keyof StreamInfo & keyof Row>): Partial<Row> {
  return Object.fromEntries(fields.filter((field) => changes[field] !== undefined).map((field) => [field, changes[field]])) as Partial<Row>;
}

/**
 * Each channel's broadcast count and current stream, the live listing, and every broadcast's
 * totals. The count lets the recorder number the next broadcast without scanning the log; the
 * listing row lives exactly from StreamStarted to StreamEnded.
 */
export const streams = defineProjection<StreamStarted | StreamMetadataChanged | ViewerCountSampled | StreamEnded | AccountDeleted>()({
  name: 'streams',
  tables: { channel_broadcasts: channelBroadcastsTable, live_streams: liveStreamsTable, stream_history: streamHistoryTable },
  handlers: {
    StreamStarted: (event, tables) => {
      const started = event.data;
      const channel = { channel_id: started.channelId };
      const broadcasts = { insertIfMissing: { ...channel, last_sequence: started.sequence, live_stream_id: started.streamId } };
      tables.channel_broadcasts.max(channel, 'last_sequence', started.sequence, broadcasts);
      tables.channel_broadcasts.set(channel, { live_stream_id: started.streamId }, broadcasts);
      tables.live_streams.put({
        stream_id: started.streamId,
        channel_id: started.channelId,
        username: started.channelUsername,
        title: started.title,
        category: started.category,
        subcategory: started.subcategory,
        tags: started.tags,
        language: started.language,
        mature: started.mature,
        gateway_id: started.gatewayId,
        started_at: new Date(started.startedAt),
        viewers: 0,
        peak_viewers: 0,
        started_position: event.position,
      });
      tables.stream_history.put({
        stream_id: started.streamId,
        channel_id: started.channelId,
        sequence: started.sequence,
        title: started.title,
        category: started.category,
        gateway_id: started.gatewayId,
        started_at: new Date(started.startedAt),
        ended_at: null,
        end_reason: null,
        duration_seconds: null,
        peak_viewers: 0,
        average_viewers: 0,
        total_views: 0,
      });
    },
    StreamMetadataChanged: ({ data }, tables) => {
      const stream = { stream_id: data.streamId };
      const live = changed<LiveStreamsTableRow>(data.changes, LIVE_FIELDS);
      if (Object.keys(live).length > 0) tables.live_streams.set(stream, live);
      const history = changed<StreamHistoryTableRow>(data.changes, HISTORY_FIELDS);
      if (Object.keys(history).length > 0) tables.stream_history.set(stream, history);
    },
    ViewerCountSampled: ({ data }, tables) => {
      tables.live_streams.set({ stream_id: data.streamId }, { viewers: data.current });
      tables.live_streams.max({ stream_id: data.streamId }, 'peak_viewers', data.peak);
    },
    StreamEnded: async ({ data }, tables) => {
      tables.live_streams.remove({ stream_id: data.streamId });
      // The channel may be live again already with a later stream; that one stays.
      const broadcasts = await tables.channel_broadcasts.get({ channel_id: data.channelId });
      if (broadcasts?.live_stream_id === data.streamId) tables.channel_broadcasts.set({ channel_id: data.channelId }, { live_stream_id: null });
      tables.stream_history.set(
        { stream_id: data.streamId },
        {
          ended_at: new Date(data.endedAt),
          end_reason: data.reason,
          duration_seconds: data.durationSeconds,
          peak_viewers: data.peakViewers,
          average_viewers: data.averageViewers,
          total_views: data.totalViews,
        },
      );
    },
    // The live row is the only one that names the owner; a deleted account's channel leaves the listing at once.
    AccountDeleted: async ({ data }, tables) => {
      await tables.live_streams.removeWhere({ channel_id: data.userId });
      tables.channel_broadcasts.set({ channel_id: data.userId }, { live_stream_id: null });
    },
  },
});
