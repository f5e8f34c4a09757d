import { keyCursor, pageSize, toPage, type Page, type PageRequest } from '@glint/api';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ModeratorPermissions } from '@glint/channels/events';

export interface ModeratorView {
  userId: string;
  username: string;
  permissions: ModeratorPermissions;
  appointedAt: Date;
}

interface ModeratorRow {
  moderator_id: string;
  moderator_username: string;
  can_timeout: boolean;
  can_un_timeout: boolean;
  can_ban: boolean;
  can_unban: boolean;
  can_delete_message: boolean;
  can_edit: boolean;
  appointed_at: Date;
}

const PERMISSION_COLUMNS = 'can_timeout, can_un_timeout, can_ban, can_unban, can_delete_message, can_edit';

/** What `userId` may do as a moderator of the channel; null when they are not one of its moderators. */
export async function readModeratorPermissions(em: EntityManager, channelId: string, userId: string): Promise<ModeratorPermissions | null> {
  const [row] = await em.execute<ModeratorRow[]>(
    `SELECT ${PERMISSION_COLUMNS} FROM channel_moderators WHERE channel_id = ? AND moderator_id = ? AND NOT moderator_deleted`,
    [channelId, userId],
  );
  return row ? permissionsOf(row) : null;
}

/** One moderator of the channel with their permissions; null when `userId` is not one of its moderators. */
export async function readModerator(em: EntityManager, channelId: string, userId: string): Promise<ModeratorView | null> {
  const [row] = await em.execute<ModeratorRow[]>(
    `SELECT moderator_id, moderator_username, ${PERMISSION_COLUMNS}, appointed_at FROM channel_moderators WHERE channel_id = ? AND moderator_id = ? AND NOT moderator_deleted`,
    [channelId, userId],
  );
  return row ? toModeratorView(row) : null;
}

/** The channel's moderators, longest-serving first, a page at a time. */
export async function listModerators(em: EntityManager, channelId: string, request: PageRequest = {}): Promise<Page<ModeratorView>> {
  const limit = pageSize(request);
  const after = keyCursor.decode(request.cursor, ['time', 'string'] as const);
  const rows = await em.execute<ModeratorRow[]>(
    `SELECT moderator_id, moderator_username, ${PERMISSION_COLUMNS}, appointed_at FROM channel_moderators
      WHERE channel_id = ? AND NOT moderator_deleted ${after ? 'AND (appointed_at, moderator_id) > (?, ?)' : ''} ORDER BY appointed_at, moderator_id LIMIT ?`,
    after ? [channelId, new Date(after[0]), after[1], limit + 1] : [channelId, limit + 1],
  );
  return toPage(rows, limit, (row) => keyCursor.encode([new Date(row.appointed_at).toISOString(), row.moderator_id]), toModeratorView);
}

function toModeratorView(row: ModeratorRow): ModeratorView {
  return { userId: row.moderator_id, username: row.moderator_username, permissions: permissionsOf(row), appointedAt: new Date(row.appointed_at) };
}

function permissionsOf(row: Omit<ModeratorRow, 'moderator_id' | 'moderator_username' | 'appointed_at'>): ModeratorPermissions {
  return {
    timeout: row.can_timeout,
    unTimeout: row.can_un_timeout,
    ban: row.can_ban,
    unban: row.can_unban,
    deleteMessage: row.can_delete_message,
    edit: row.can_edit,
  };
}
