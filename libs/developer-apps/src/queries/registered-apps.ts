import type { EntityManager } from '@mikro-orm/postgresql';
import { DeveloperAppRow } from '@glint/projections';

/** The app a client id belongs to, deleted or not: the token endpoint's first look-up. */
export async function findAppIdByClientId(em: EntityManager, clientId: string): Promise<string | null> {
  const row = await em.findOne(DeveloperAppRow, { clientId }, { fields: ['appId'], disableIdentityMap: true });
  return row?.appId ?? null;
}

/** The apps a user registered and has not deleted, oldest first. */
export function listAppsOfOwner(em: EntityManager, ownerId: string): Promise<DeveloperAppRow[]> {
  return em.find(DeveloperAppRow, { ownerId, deletedAt: null }, { orderBy: { registeredAt: 'asc', appId: 'asc' }, disableIdentityMap: true });
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
