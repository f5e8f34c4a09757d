import { defineProjection } from '@glint/projection-engine';
import type { StreamEnded, StreamHealthSampled, ViewerCountSampled } from '@glint/streams/events';
import { streamHealthSamplesTable, streamHealthViewersTable } from './tables';

/**
 * A broadcast's health over time: one row per health sample the gateway recorded, beside the
 * viewers watching then. The latest viewer count is kept only while the broadcast is on air.
 */
export const streamHealth = defineProjection<StreamHealthSampled | ViewerCountSampled | StreamEnded>()({
  name: 'stream_health',
  tables: { stream_health_samples: streamHealthSamplesTable, stream_health_viewers: streamHealthViewersTable },
  handlers: {
    StreamHealthSampled: async (event, tables) => {
      const { data } = event;
      const viewers = await tables.stream_health_viewers.get({ stream_id: data.streamId });
      tables.stream_health_samples.insert({
        stream_id: data.streamId,
        position: event.position,
        channel_id: data.channelId,
        sampled_at: new Date(data.sampledAt),
        period_seconds: data.periodSeconds,
        bitrate_kbps: data.bitrateKbps,
        packets: data.packets,
        packets_lost: data.packetsLost,
        nacks: data.nacks,
        keyframe_requests: data.keyframeRequests,
        width: data.width,
        height: data.height,
        video_codec: data.videoCodec,
        audio_codec: data.audioCodec,
        viewers: viewers?.viewers ?? null,
      });
    },
    ViewerCountSampled: ({ data }, tables) => tables.stream_health_viewers.put({ stream_id: data.streamId, viewers: data.current }),
    StreamEnded: ({ data }, tables) => tables.stream_health_viewers.remove({ stream_id: data.streamId }),
  },
});
