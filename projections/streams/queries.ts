import type { EntityManager } from '@mikro-orm/postgresql';
import type { StreamEndReason } from '@glint/streams/events';

/** A channel's broadcast on air now, as its page shows it. */
export interface LiveBroadcast {
  streamId: string;
  title: string;
  category: string;
  startedAt: Date;
  /** The last viewer-count sample's current viewers; 0 before the first sample. */
  viewers: number;
}

/** A broadcast that ended, with its totals. */
export interface PastBroadcast {
  streamId: string;
  /** The broadcast's number in its channel: 1, 2, … */
  sequence: number;
  title: string;
  category: string;
  startedAt: Date;
  endedAt: Date;
  durationSeconds: number;
  peakViewers: number;
  averageViewers: number;
  endReason: StreamEndReason;
}

export interface ChannelBroadcasts {
  live: LiveBroadcast | null;
  /** The newest ended broadcasts, newest first. */
  recent: PastBroadcast[];
  /** The streams projection's checkpoint the broadcasts were read at: they hold every event up to there. */
  checkpoint: number;
}

interface LiveRow {
  stream_id: string;
  title: string;
  category: string;
  started_at: string;
  viewers: number;
}

interface PastRow {
  stream_id: string;
  sequence: number;
  title: string;
  category: string;
  started_at: string | Date;
  ended_at: string | Date;
  duration_seconds: number;
  peak_viewers: number;
  average_viewers: number;
  end_reason: StreamEndReason;
}

const PAST_COLUMNS = 'stream_id, sequence, title, category, started_at, ended_at, duration_seconds, peak_viewers, average_viewers, end_reason';

/**
 * The channel's live broadcast, its newest `recent` ended ones and the streams checkpoint, read in
 * one statement (one snapshot), so a page cached from them knows which events it holds.
 */
export async function readChannelBroadcasts(em: EntityManager, channelId: string, recent: number): Promise<ChannelBroadcasts> {
  const [row] = await em.execute<Array<{ checkpoint: string | null; live: LiveRow | null; recent: PastRow[] }>>(
    `SELECT (SELECT position FROM projection_checkpoints WHERE name = 'streams') AS checkpoint,
            (SELECT json_build_object('stream_id', stream_id, 'title', title, 'category', category, 'started_at', started_at, 'viewers', viewers)
               FROM live_streams WHERE channel_id = ?::uuid) AS live,
            (SELECT coalesce(json_agg(past ORDER BY past.sequence DESC), '[]'::json)
               FROM (SELECT ${PAST_COLUMNS} FROM stream_history
                      WHERE channel_id = ?::uuid AND ended_at IS NOT NULL ORDER BY sequence DESC LIMIT ?) AS past) AS recent`,
    [channelId, channelId, recent],
  );
  return {
    live: row.live ? { streamId: row.live.stream_id, title: row.live.title, category: row.live.category, startedAt: new Date(row.live.started_at), viewers: row.live.viewers } : null,
    recent: row.recent.map(toPastBroadcast),
    checkpoint: Number(row.checkpoint ?? 0),
  };
}

/**
 * The channel's ended broadcasts, newest first: at most `limit` of them, those numbered below
 * `beforeSequence` when given (the last sequence of the previous page).
 */
export async function readPastBroadcasts(em: EntityManager, channelId: string, options: { limit: number; beforeSequence?: number }): Promise<PastBroadcast[]> {
  const rows = await em.execute<PastRow[]>(
    `SELECT ${PAST_COLUMNS} FROM stream_history
      WHERE channel_id = ?::uuid AND ended_at IS NOT NULL ${options.beforeSequence === undefined ? '' : 'AND sequence < ?'}
      ORDER BY sequence DESC LIMIT ?`,
    options.beforeSequence === undefined ? [channelId, options.limit] : [channelId, options.beforeSequence, options.limit],
  );
  return rows.map(toPastBroadcast);
}

/** The channel a broadcast belongs to; null for a broadcast never started. */
export async function readBroadcastChannel(em: EntityManager, streamId: string): Promise<string | null> {
  const [row] = await em.execute<Array<{ channel_id: string }>>('SELECT channel_id FROM stream_history WHERE stream_id = ?', [streamId]);
  return row?.channel_id ?? null;
}

function toPastBroadcast(row: PastRow): PastBroadcast {
  return {
    streamId: row.stream_id,
    sequence: row.sequence,
    title: row.title,
    category: row.category,
    startedAt: new Date(row.started_at),
    endedAt: new Date(row.ended_at),
    durationSeconds: row.duration_seconds,
    peakViewers: row.peak_viewers,
    averageViewers: row.average_viewers,
    endReason: row.end_reason,
  };
}
