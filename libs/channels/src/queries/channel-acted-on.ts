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
  const by = { userId: user.userId, staffRole: user.staffRole, moderatorPermissions: await readModeratorPermissions(em, channel.channelId, user.userId) };
  return { channel, by };
}
