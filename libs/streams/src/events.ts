import type { ChannelInfo } from '@glint/channels/events';

/** What a broadcast looks like when it starts, and what changes to it during the stream. */
export type StreamInfo = Pick<ChannelInfo, 'title' | 'category' | 'subcategory' | 'tags' | 'language' | 'mature'>;

export type StreamEndReason =
  /** The publisher's WHIP DELETE. */
  | 'publisher_left'
  /** No RTP from the publisher for the gateway's silence timeout (5 s unless configured). */
  | 'publisher_silent'
  /** The channel's stream key was rotated: the key the stream was published with is void. */
  | 'key_rotated'
  /** A member of staff shut the stream down. */
  | 'staff_shutdown'
  /** The gateway holding the stream stopped sending heartbeats; the worker ended it. */
  | 'gateway_lost'
  /** The gateway holding the stream shut down cleanly. */
  | 'gateway_stopped'
  /** Staff banned the channel's owner from Glint while they were live. */
  | 'globally_banned'
  /** Staff suspended the channel's owner from streaming while they were live. */
  | 'streaming_suspended';

export const STREAM_END_REASONS: readonly StreamEndReason[] = [
  'publisher_left',
  'publisher_silent',
  'key_rotated',
  'staff_shutdown',
  'gateway_lost',
  'gateway_stopped',
  'globally_banned',
  'streaming_suspended',
];

export interface MediaDescription {
  video: 'H264' | 'VP8' | null;
  audio: 'opus' | null;
}

/** Facts of the `stream-<streamId>` stream: one broadcast, from its first media to its end. */
export type StreamStarted = {
  type: 'StreamStarted';
  data: StreamInfo & {
    streamId: string;
    channelId: string;
    /** The channel's owner's username at the start, for listings and notifications. */
    channelUsername: string;
    /** The channel's broadcasts are numbered 1, 2, …; this is the stream's number. */
    sequence: number;
    gatewayId: string;
    startedAt: string;
    media: MediaDescription;
  };
};

export type StreamMetadataChanged = {
  type: 'StreamMetadataChanged';
  data: { streamId: string; channelId: string; changes: Partial<StreamInfo> };
};

export interface HealthSample {
  /** Kilobits per second received from the publisher over the sampling period. */
  bitrateKbps: number;
  /** Counts over the sampling period. */
  packets: number;
  packetsLost: number;
  nacks: number;
  keyframeRequests: number;
  width: number | null;
  height: number | null;
  videoCodec: 'H264' | 'VP8' | null;
  audioCodec: 'opus' | null;
}

export type StreamHealthSampled = {
  type: 'StreamHealthSampled';
  data: HealthSample & { streamId: string; channelId: string; sampledAt: string; periodSeconds: number };
};

export interface ViewerSample {
  /** Distinct viewers (a signed-in user, or one anonymous viewer id) watching now. */
  current: number;
  /** The most distinct viewers at once so far. */
  peak: number;
  /** Time-weighted mean of concurrent distinct viewers since the start. */
  average: number;
  /** Distinct viewers who have watched at all. */
  totalViews: number;
}

export type ViewerCountSampled = {
  type: 'ViewerCountSampled';
  data: ViewerSample & { streamId: string; channelId: string; sampledAt: string };
};

export type StreamEnded = {
  type: 'StreamEnded';
  data: {
    streamId: string;
    channelId: string;
    gatewayId: string;
    reason: StreamEndReason;
    endedAt: string;
    durationSeconds: number;
    peakViewers: number;
    averageViewers: number;
    totalViews: number;
    /** The member of staff who shut it down, for `staff_shutdown`. */
    endedBy: string | null;
    /** What that member of staff said of why, for `staff_shutdown`; absent otherwise. */
    note?: string;
  };
};

export type StreamEvent = StreamStarted | StreamMetadataChanged | StreamHealthSampled | ViewerCountSampled | StreamEnded;

export const STREAM_EVENT_TYPES: ReadonlySet<string> = new Set(['StreamStarted', 'StreamMetadataChanged', 'StreamHealthSampled', 'ViewerCountSampled', 'StreamEnded']);

/** A broadcast's id: its channel and its number there, so the next one's stream name is known in advance. */
export const streamIdOf = (channelId: string, sequence: number): string => `${channelId}-${sequence}`;
export const streamStreamName = (streamId: string): string => `stream-${streamId}`;
