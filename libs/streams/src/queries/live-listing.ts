import type { EntityManager } from '@mikro-orm/postgresql';
import { ValidationError } from '@glint/domain-errors';

/**
 * The listing's own guard against a gateway that died: a stream shows only while its gateway beat
 * within this long. The worker ends such streams after GATEWAY_LOST_AFTER_MS; this keeps them out
 * of the listing even while no worker runs.
 */
export const LISTED_GATEWAY_BEAT_WITHIN_SECONDS = 15;

export type LiveListingSort = 'viewers' | 'recent';

export interface LiveListingQuery {
  category?: string;
  /** A stream must carry every one of them. */
  tags?: string[];
  language?: string;
  /** Unset: every stream; false: no mature streams; true: mature streams only. */
  mature?: boolean;
  sort: LiveListingSort;
  limit: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
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

export interface LiveListingPage {
  streams: LiveStreamEntry[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
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

/** Where the previous page stopped: the last stream's sort keys. */
interface Cursor {
  viewers: number;
  startedAt: string;
  streamId: string;
}

const ORDER: Record<LiveListingSort, { by: string; after: string }> = {
  // Every key descending, so one row comparison finds what comes after the cursor.
  viewers: { by: 'ls.viewers DESC, ls.started_at DESC, ls.stream_id DESC', after: '(ls.viewers, ls.started_at, ls.stream_id) < (?, ?, ?)' },
  recent: { by: 'ls.started_at DESC, ls.stream_id DESC', after: '(ls.started_at, ls.stream_id) < (?, ?)' },
};

/** The streams live now on a gateway that is beating, filtered and sorted as asked. */
export async function listLiveStreams(em: EntityManager, query: LiveListingQuery): Promise<LiveListingPage> {
  const where: string[] = [];
  const values: unknown[] = [LISTED_GATEWAY_BEAT_WITHIN_SECONDS];
  const filter = (condition: string, value: unknown): void => {
    where.push(condition);
    values.push(value);
  };
  if (query.category !== undefined) filter('ls.category = ?', query.category);
  if (query.tags !== undefined && query.tags.length > 0) filter('ls.tags @> ARRAY(SELECT jsonb_array_elements_text(?::jsonb))', JSON.stringify(query.tags));
  if (query.language !== undefined) filter('ls.language = ?', query.language);
  if (query.mature !== undefined) filter('ls.mature = ?', query.mature);
  const order = ORDER[query.sort];
  if (query.cursor !== undefined) {
    const cursor = decodeCursor(query.cursor);
    where.push(order.after);
    values.push(...(query.sort === 'viewers' ? [cursor.viewers, new Date(cursor.startedAt), cursor.streamId] : [new Date(cursor.startedAt), cursor.streamId]));
  }
  // One more than asked tells whether another page exists.
  const rows = await em.execute<LiveStreamRow[]>(
    `SELECT ls.stream_id, ls.channel_id, ls.username, ls.title, ls.category, ls.subcategory, ls.tags, ls.language, ls.mature, ls.viewers, ls.peak_viewers, ls.started_at
       FROM live_streams ls JOIN gateway_heartbeats g ON g.gateway_id = ls.gateway_id AND g.beat_at > now() - make_interval(secs => ?)
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${order.by} LIMIT ?`,
    [...values, query.limit + 1],
  );
  const shown = rows.slice(0, query.limit).map(toEntry);
  const last = shown[shown.length - 1];
  return { streams: shown, nextCursor: rows.length > query.limit ? encodeCursor({ viewers: last.viewers, startedAt: last.startedAt.toISOString(), streamId: last.streamId }) : null };
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

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.viewers, cursor.startedAt, cursor.streamId])).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  const invalid = new ValidationError('invalid_cursor', 'The cursor is not one this listing gave out; pass the nextCursor of the previous page.', 'cursor');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid;
  const [viewers, startedAt, streamId] = parsed as unknown[];
  if (!Number.isSafeInteger(viewers) || (viewers as number) < 0) throw invalid;
  if (typeof startedAt !== 'string' || Number.isNaN(Date.parse(startedAt)) || typeof streamId !== 'string' || streamId.length > 100) throw invalid;
  return { viewers: viewers as number, startedAt, streamId };
}
