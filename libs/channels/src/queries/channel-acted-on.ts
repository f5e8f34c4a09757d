import type { EntityManager } from '@mikro-orm/postgresql';
import { requireUser, type Principal } from '@glint/access';
import type { ActingUser } from '../acting-user';
import type { ChannelView } from '@glint/projections/channel-page';
import { existingChannel } from './existing-channel';
import { readModeratorPermissions } from '@glint/projections/channel-moderators';

/** The channel at `username`, and the signed-in user acting on it with their standing there. */
export async function readChannelActedOn(em: EntityManager, principal: Principal, username: string): Promise<{ channel: ChannelView; by: ActingUser }> {
  const user = requireUser(principal);
  const channel = await existingChannel(em, username);
  // The owner is never one of their channel's moderators (owner_cannot_be_moderator): nothing to look up.
  const moderatorPermissions = user.userId === channel.ownerId ? null : await readModeratorPermissions(em, channel.channelId, user.userId);
  const by = { userId: user.userId, staffRole: user.staffRole, moderatorPermissions };
  return { channel, by };
}
