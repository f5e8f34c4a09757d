import type { EntityManager } from '@mikro-orm/postgresql';
import type { UserPrincipal } from '@glint/access';
import type { ActingUser } from '../acting-user';
import { readModeratorPermissions } from './moderators';

/** The signed-in user with their standing in the channel `channelId`. */
export async function readActingUser(em: EntityManager, user: UserPrincipal, channelId: string): Promise<ActingUser> {
  return { userId: user.userId, staffRole: user.staffRole, moderatorPermissions: await readModeratorPermissions(em, channelId, user.userId) };
}
