import { LIVE_CHANNELS_TOPIC, LIVE_STREAMS_TOPIC, liveChannelTopic, type Publication } from '@glint/live-updates';
import type { RecordedEvent } from '@glint/eventstore';
import type { StreamEnded, StreamEvent, StreamMetadataChanged, StreamStarted, ViewerCountSampled } from '../events';

type Recorded<Event extends StreamEvent> = RecordedEvent<Event['type'], Event['data']>;

/** What each stream fact tells the live listing and the channel's watchers; health samples stay inside Glint. */
const FRAMES: { [Type in StreamEvent['type']]?: (event: Recorded<Extract<StreamEvent, { type: Type }>>) => { event: string; data: Record<string, unknown> } } = {
  StreamStarted: ({ data }: Recorded<StreamStarted>) => ({
    event: 'stream_started',
    data: {
      streamId: data.streamId,
      channelId: data.channelId,
      channel: data.channelUsername,
      title: data.title,
      category: data.category,
      subcategory: data.subcategory,
      tags: data.tags,
      language: data.language,
      mature: data.mature,
      startedAt: data.startedAt,
    },
  }),
  StreamMetadataChanged: ({ data }: Recorded<StreamMetadataChanged>) => ({ event: 'stream_updated', data: { streamId: data.streamId, channelId: data.channelId, changes: data.changes } }),
  ViewerCountSampled: ({ data }: Recorded<ViewerCountSampled>) => ({
    event: 'viewer_count',
    data: { streamId: data.streamId, channelId: data.channelId, viewers: data.current, peakViewers: data.peak, sampledAt: data.sampledAt },
  }),
  StreamEnded: ({ data }: Recorded<StreamEnded>) => ({
    event: 'stream_ended',
    data: { streamId: data.streamId, channelId: data.channelId, reason: data.reason, endedAt: data.endedAt, durationSeconds: data.durationSeconds, peakViewers: data.peakViewers },
  }),
};

/** Live-update frames for the streams' facts: to the listing, the firehose, and the channel's own topic. */
export function streamPublications(events: readonly RecordedEvent[]): Publication[] {
  return events.flatMap((event) => {
    const frameOf = FRAMES[event.type as StreamEvent['type']] as ((event: RecordedEvent) => { event: string; data: Record<string, unknown> }) | undefined;
    if (!frameOf) return [];
    const { event: name, data } = frameOf(event);
    const frame = { id: event.id, event: name, data };
    return [LIVE_STREAMS_TOPIC, LIVE_CHANNELS_TOPIC, liveChannelTopic(data.channelId as string)].map((topic) => ({ topic, frame }));
  });
}
