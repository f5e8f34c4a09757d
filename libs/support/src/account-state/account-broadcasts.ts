import type { Stream } from '@glint/streams';

/** A broadcast of the account's channel as it stood at the moment asked about. */
export interface BroadcastState {
  streamId: string;
  title: string;
  category: string;
  startedAt: string;
  /** Null while it was still on air then. */
  endedAt: string | null;
  endReason: string | null;
}

/** The broadcasts of the account's channel started by then, newest first, and whether one was on air. */
export interface AccountBroadcasts {
  live: boolean;
  streams: BroadcastState[];
}

const STREAM_PREFIX = 'stream-';

/** Whether a stream of the log is one broadcast of the user's channel: its id is the channel's, then its number. */
export function isBroadcastOf(streamName: string, userId: string): boolean {
  return streamName.startsWith(`${STREAM_PREFIX}${userId}-`);
}

/** The support view of the channel's folded broadcasts: pure, so the same folds give the same view. */
export function broadcastsOf(folded: readonly Stream[]): AccountBroadcasts {
  const streams = folded
    .flatMap((stream): BroadcastState[] => {
      if (stream.status === 'not_started') return [];
      const { streamId, startedAt } = stream.started;
      return stream.status === 'live'
        ? [{ streamId, title: stream.info.title, category: stream.info.category, startedAt, endedAt: null, endReason: null }]
        : [{ streamId, title: stream.started.title, category: stream.started.category, startedAt, endedAt: stream.endedAt, endReason: stream.reason }];
    })
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.streamId.localeCompare(a.streamId));
  return { live: streams.some((stream) => stream.endedAt === null), streams };
}
