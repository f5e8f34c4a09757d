import type { EntityManager } from '@mikro-orm/postgresql';
import { ValidationError } from '@glint/domain-errors';

/** One account in a follower or following list; a deleted account is listed without its name. */
export interface FollowListEntry {
  userId: string;
  username: string | null;
  deleted: boolean;
  followedAt: Date;
}

export interface FollowListPage {
  /** How many the whole list holds. */
  total: number;
  entries: FollowListEntry[];
  /** Pass as `after` for the next, older page; null on the last page. */
  nextCursor: string | null;
}

export interface FollowListQuery {
  /** The `nextCursor` of the previous page. */
  after?: string;
  limit: number;
}

interface FollowListRow {
  user_id: string;
  username: string;
  deleted: boolean;
  followed_position: string;
  followed_at: Date;
}

/** Who follows the channel, newest first. */
export async function listFollowers(em: EntityManager, channelId: string, query: FollowListQuery): Promise<FollowListPage> {
  const rows = await newestFirst(em, 'follower_id AS user_id, follower_username AS username, follower_deleted AS deleted', 'channel_id', channelId, query);
  return page(rows, await countFollowers(em, channelId), query.limit);
}

/** The channels the user follows, newest first; a channel's id is its owner's user id. */
export async function listFollowing(em: EntityManager, userId: string, query: FollowListQuery): Promise<FollowListPage> {
  const rows = await newestFirst(em, 'channel_id AS user_id, channel_username AS username, channel_deleted AS deleted', 'follower_id', userId, query);
  return page(rows, await countFollowing(em, userId), query.limit);
}

export async function countFollowers(em: EntityManager, channelId: string): Promise<number> {
  const [row] = await em.execute<Array<{ followers: number }>>('SELECT followers FROM follow_counts WHERE user_id = ?', [channelId]);
  return row?.followers ?? 0;
}

export async function countFollowing(em: EntityManager, userId: string): Promise<number> {
  const [row] = await em.execute<Array<{ following: number }>>('SELECT following FROM follow_counts WHERE user_id = ?', [userId]);
  return row?.following ?? 0;
}

const CURSOR = /^[1-9][0-9]{0,15}$/;

async function newestFirst(em: EntityManager, columns: string, keyColumn: 'channel_id' | 'follower_id', key: string, query: FollowListQuery): Promise<FollowListRow[]> {
  if (query.after !== undefined && !CURSOR.test(query.after)) throw new ValidationError('invalid_cursor', 'The cursor is not one this list gave out; pass the nextCursor of the previous page.', 'after');
  const after = query.after === undefined ? '' : 'AND followed_position < ?';
  // One more than asked tells whether an older page exists, without counting.
  return em.execute<FollowListRow[]>(
    `SELECT ${columns}, followed_position, followed_at FROM follows WHERE ${keyColumn} = ? ${after} ORDER BY followed_position DESC LIMIT ?`,
    query.after === undefined ? [key, query.limit + 1] : [key, query.after, query.limit + 1],
  );
}

function page(rows: FollowListRow[], total: number, limit: number): FollowListPage {
  const shown = rows.slice(0, limit);
  return {
    total,
    entries: shown.map((row) => ({ userId: row.user_id, username: row.deleted ? null : row.username, deleted: row.deleted, followedAt: new Date(row.followed_at) })),
    nextCursor: rows.length > limit ? String(shown[shown.length - 1].followed_position) : null,
  };
}
