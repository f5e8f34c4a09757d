import type { EntityManager } from '@mikro-orm/postgresql';
import { ModerationUsernameRow } from './entities';

export interface NamedUser {
  userId: string;
  /** Null for an id no account was ever registered under. */
  username: string | null;
  deleted: boolean;
}

/** Every given user with their public handle, in one query. */
export async function readNamedUsers(em: EntityManager, userIds: ReadonlyArray<string | null>): Promise<Map<string, NamedUser>> {
  const wanted = [...new Set(userIds.filter((userId): userId is string => userId !== null))];
  const rows = wanted.length === 0 ? [] : await em.find(ModerationUsernameRow, { userId: { $in: wanted } }, { disableIdentityMap: true });
  const found = new Map(rows.map((row) => [row.userId, row]));
  return new Map(wanted.map((userId) => [userId, { userId, username: found.get(userId)?.username ?? null, deleted: found.get(userId)?.deleted ?? false }]));
}
