import type { EntityManager } from '@mikro-orm/postgresql';
import type { UserPrincipal } from '@glint/access';
import { existingChannel, readModeratorPermissions } from '@glint/channels';
import { NotFoundError } from '@glint/domain-errors';
import { findAccountByUsername } from '@glint/identity';
import { moderationAuthority, type ModerationAuthority } from '../moderation-authority';

/** The channel a moderation request is about, as its URL names it. */
export interface ModeratedChannel {
  channelId: string;
  ownerId: string;
  username: string;
}

export interface ModeratedUser {
  userId: string;
  username: string;
}

/**
 * The channel at `/api/channels/<username>`; one that never was and one that is gone look alike.
 * `field` names the body field when the channel came in a body rather than in the URL.
 */
export async function moderatedChannel(em: EntityManager, username: string, field?: string): Promise<ModeratedChannel> {
  const channel = await existingChannel(em, username, field);
  return { channelId: channel.channelId, ownerId: channel.ownerId, username: channel.username };
}

/** The account a moderator or reporter names; a deleted account is as unknown as one that never was. */
export async function namedUser(em: EntityManager, username: string, field: string): Promise<ModeratedUser> {
  const account = await findAccountByUsername(em, username);
  if (!account || account.deleted) throw new NotFoundError('user_not_found', `There is no user named "${username}".`, field);
  return { userId: account.userId, username: account.username };
}

/** What the signed-in user may do in the channel: owner, staff, one of its moderators, or nobody there. */
export async function authorityIn(em: EntityManager, user: UserPrincipal, channel: ModeratedChannel): Promise<ModerationAuthority> {
  const permissions = user.userId === channel.ownerId ? null : await readModeratorPermissions(em, channel.channelId, user.userId);
  return moderationAuthority(user, channel.ownerId, permissions);
}
