import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUUID } from 'class-validator';
import { invalidCursor, pageSize, toPage, type Page, type PageRequest } from '@glint/api';
import { DeveloperAppRow } from './entities';

/** The app a client id belongs to, deleted or not, and its owner: the token endpoint's first look-up. */
export async function findAppByClientId(em: EntityManager, clientId: string): Promise<{ appId: string; ownerId: string } | null> {
  const row = await em.findOne(DeveloperAppRow, { clientId }, { fields: ['appId', 'ownerId'], disableIdentityMap: true });
  return row ? { appId: row.appId, ownerId: row.ownerId } : null;
}

/**
 * The apps a user registered and has not deleted, oldest first, a page at a time. The cursor is the
 * id of the last app shown: its row outlives a deletion, so the next page starts right after it
 * even when it was deleted in between.
 */
export async function listAppsOfOwner(em: EntityManager, ownerId: string, request: PageRequest): Promise<Page<DeveloperAppRow>> {
  const limit = pageSize(request);
  const where: FilterQuery<DeveloperAppRow> = { ownerId, deletedAt: null };
  if (request.cursor !== undefined) {
    const last = await lastAppShown(em, ownerId, request.cursor);
    where.$or = [{ registeredAt: { $gt: last.registeredAt } }, { registeredAt: last.registeredAt, appId: { $gt: last.appId } }];
  }
  // One extra row tells whether another page exists, without a count.
  const rows = await em.find(DeveloperAppRow, where, { orderBy: { registeredAt: 'asc', appId: 'asc' }, limit: limit + 1, disableIdentityMap: true });
  return toPage(rows, limit, (row) => row.appId);
}

/** The app a cursor names; only the owner's own apps are cursors of their list. */
async function lastAppShown(em: EntityManager, ownerId: string, cursor: string): Promise<Pick<DeveloperAppRow, 'appId' | 'registeredAt'>> {
  const app = isUUID(cursor) ? await em.findOne(DeveloperAppRow, { appId: cursor, ownerId }, { fields: ['appId', 'registeredAt'], disableIdentityMap: true }) : null;
  if (!app) throw invalidCursor();
  return app;
}

/**
 * How many apps were registered and not deleted: now, or just before `before` (the end of a
 * recap's week), counting an app deleted later as still registered then.
 */
export function countRegisteredApps(em: EntityManager, options: { before?: Date } = {}): Promise<number> {
  if (!options.before) return em.count(DeveloperAppRow, { deletedAt: null });
  return em.count(DeveloperAppRow, {
    registeredAt: { $lt: options.before },
    $or: [{ deletedAt: null }, { deletedAt: { $gte: options.before } }],
  });
}

export interface LiveAppToken {
  app_id: string;
  owner_id: string;
  scopes: string[];
}

/**
 * The unexpired app token with this hash, unless its owner is banned from Glint or deleted: the app
 * acts for its owner, so it stops with them.
 */
export async function readLiveAppToken(em: EntityManager, tokenHash: string, now: Date): Promise<LiveAppToken | null> {
  const [token] = await em.execute<LiveAppToken[]>(
    `SELECT token.app_id, token.owner_id, token.scopes
       FROM developer_app_tokens token
      WHERE token.token_hash = ? AND token.expires_at > ?
        AND NOT EXISTS (SELECT 1 FROM accounts owner WHERE owner.user_id = token.owner_id AND (owner.global_ban_reason IS NOT NULL OR owner.deleted_at IS NOT NULL))`,
    [tokenHash, now],
  );
  return token ?? null;
}
