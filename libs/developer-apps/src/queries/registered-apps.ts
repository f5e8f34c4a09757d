import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUUID } from 'class-validator';
import { invalidCursor, pageSize, toPage, type Page, type PageRequest } from '@glint/api';
import { DeveloperAppRow } from '@glint/projections';

/** The app a client id belongs to, deleted or not: the token endpoint's first look-up. */
export async function findAppIdByClientId(em: EntityManager, clientId: string): Promise<string | null> {
  const row = await em.findOne(DeveloperAppRow, { clientId }, { fields: ['appId'], disableIdentityMap: true });
  return row?.appId ?? null;
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
