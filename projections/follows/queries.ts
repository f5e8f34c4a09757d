import type { EntityManager } from '@mikro-orm/postgresql';
import { pageSize, positionCursor, toPage, type Page, type PageRequest } from '@glint/api';

/** One account in a follower or following list; a deleted account is listed without its name. */
export interface FollowListEntry {
  userId: string;
  username: string | null;
  deleted: boolean;
  followedAt: Date;
}

/** A page of a follow list, with how many the whole list holds. */
export type FollowListPage = Page<FollowListEntry> & { total: number };

interface FollowListRow {
  user_id: string;
  username: string;
  deleted: boolean;
  followed_position: string;
  followed_at: Date;
}

/** Who follows the channel, newest first. */
export async function listFollowers(em: EntityManager, channelId: string, request: PageRequest): Promise<FollowListPage> {
  const page = await newestFirst(em, 'follower_id AS user_id, follower_username AS username, follower_deleted AS deleted', 'channel_id', channelId, request);
  return { ...page, total: await countFollowers(em, channelId) };
}

/** The channels the user follows, newest first; a channel's id is its owner's user id. */
export async function listFollowing(em: EntityManager, userId: string, request: PageRequest): Promise<FollowListPage> {
  const page = await newestFirst(em, 'channel_id AS user_id, channel_username AS username, channel_deleted AS deleted', 'follower_id', userId, request);
  return { ...page, total: await countFollowing(em, userId) };
}

export async function countFollowers(em: EntityManager, channelId: string): Promise<number> {
  const [row] = await em.execute<Array<{ followers: number }>>('SELECT followers FROM follow_counts WHERE user_id = ?', [channelId]);
  return row?.followers ?? 0;
}

export async function countFollowing(em: EntityManager, userId: string): Promise<number> {
  const [row] = await em.execute<Array<{ following: number }>>('SELECT following FROM follow_counts WHERE user_id = ?', [userId]);
  return row?.following ?? 0;
}

async function newestFirst(em: EntityManager, columns: string, keyColumn: 'channel_id' | 'follower_id', key: string, request: PageRequest): Promise<Page<FollowListEntry>> {
  const limit = pageSize(request);
  const before = positionCursor.decode(request.cursor);
  // One more than asked tells whether an older page exists, without counting.
  const rows = await em.execute<FollowListRow[]>(
    `SELECT ${columns}, followed_position, followed_at FROM follows WHERE ${keyColumn} = ? ${before === null ? '' : 'AND followed_position < ?'} ORDER BY followed_position DESC LIMIT ?`,
    before === null ? [key, limit + 1] : [key, before, limit + 1],
  );
  return toPage(rows, limit, (row) => positionCursor.encode(Number(row.followed_position)), toEntry);
}

function toEntry(row: FollowListRow): FollowListEntry {
  return { userId: row.user_id, username: row.deleted ? null : row.username, deleted: row.deleted, followedAt: new Date(row.followed_at) };
}
