import type { EntityManager } from '@mikro-orm/postgresql';
import { keyCursor, pageSize, toPage, type Page, type PageRequest } from '@glint/api';

/**
 * The listing's own guard against a gateway that died: a stream shows only while its gateway beat
 * within this long. The worker ends such streams after GATEWAY_LOST_AFTER_MS; this keeps them out
 * of the listing even while no worker runs.
 */
export const LISTED_GATEWAY_BEAT_WITHIN_SECONDS = 15;

export type LiveListingSort = 'viewers' | 'recent';

/** The listing's own filters and order, on top of the page asked for. */
export interface LiveListingRequest extends PageRequest {
  category?: string;
  /** A stream must carry every one of them. */
  tags?: string[];
  language?: string;
  /** Unset: every stream; false: no mature streams; true: mature streams only. */
  mature?: boolean;
  sort: LiveListingSort;
}

export interface LiveStreamEntry {
  streamId: string;
  channelId: string;
  username: string;
  title: string;
  category: string;
  subcategory: string | null;
  tags: string[];
  language: string;
  mature: boolean;
  viewers: number;
  peakViewers: number;
  startedAt: Date;
}

interface LiveStreamRow {
  stream_id: string;
  channel_id: string;
  username: string;
  title: string;
  category: string;
  subcategory: string | null;
  tags: string[];
  language: string;
  mature: boolean;
  viewers: number;
  peak_viewers: number;
  started_at: Date;
}

const ORDER: Record<LiveListingSort, { by: string; after: string }> = {
  // Every key descending, so one row comparison finds what comes after the cursor.
  viewers: { by: 'ls.viewers DESC, ls.started_at DESC, ls.stream_id DESC', after: '(ls.viewers, ls.started_at, ls.stream_id) < (?, ?, ?)' },
  recent: { by: 'ls.started_at DESC, ls.stream_id DESC', after: '(ls.started_at, ls.stream_id) < (?, ?)' },
};

/** The streams live now on a gateway that is beating, filtered and sorted as asked. */
export async function listLiveStreams(em: EntityManager, request: LiveListingRequest): Promise<Page<LiveStreamEntry>> {
  const limit = pageSize(request);
  const where: string[] = [];
  const values: unknown[] = [LISTED_GATEWAY_BEAT_WITHIN_SECONDS];
  const filter = (condition: string, value: unknown): void => {
    where.push(condition);
    values.push(value);
  };
  if (request.category !== undefined) filter('ls.category = ?', request.category);
  if (request.tags !== undefined && request.tags.length > 0) filter('ls.tags @> ARRAY(SELECT jsonb_array_elements_text(?::jsonb))', JSON.stringify(request.tags));
  if (request.language !== undefined) filter('ls.language = ?', request.language);
  if (request.mature !== undefined) filter('ls.mature = ?', request.mature);
  const order = ORDER[request.sort];
  if (request.cursor !== undefined) {
    // The last stream's sort keys, the same whichever the sort: each order compares what it sorts by.
    const [viewers, startedAt, streamId] = keyCursor.decode(request.cursor, ['number', 'time', 'string'] as const)!;
    where.push(order.after);
    values.push(...(request.sort === 'viewers' ? [viewers, new Date(startedAt), streamId] : [new Date(startedAt), streamId]));
  }
  const rows = await em.execute<LiveStreamRow[]>(
    `SELECT ls.stream_id, ls.channel_id, ls.username, ls.title, ls.category, ls.subcategory, ls.tags, ls.language, ls.mature, ls.viewers, ls.peak_viewers, ls.started_at
       FROM live_streams ls JOIN gateway_heartbeats g ON g.gateway_id = ls.gateway_id AND g.beat_at > now() - make_interval(secs => ?)
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${order.by} LIMIT ?`,
    [...values, limit + 1],
  );
  return toPage(rows, limit, (row) => keyCursor.encode([row.viewers, new Date(row.started_at).toISOString(), row.stream_id]), toEntry);
}

function toEntry(row: LiveStreamRow): LiveStreamEntry {
  return {
    streamId: row.stream_id,
    channelId: row.channel_id,
    username: row.username,
    title: row.title,
    category: row.category,
    subcategory: row.subcategory,
    tags: row.tags,
    language: row.language,
    mature: row.mature,
    viewers: row.viewers,
    peakViewers: row.peak_viewers,
    startedAt: new Date(row.started_at),
  };
}
