import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError } from '@glint/domain-errors';
import { readChannelByUsername, type ChannelView } from '@glint/projections/channel-page';

/**
 * The channel at `/api/channels/<username>`; a channel that never was and one that is gone look
 * alike. `field` names the body field when the channel came in a body rather than in the URL.
 */
export async function existingChannel(em: EntityManager, username: string, field?: string): Promise<ChannelView> {
  const channel = await readChannelByUsername(em, username);
  if (!channel || channel.deleted) throw new NotFoundError('channel_not_found', `There is no channel named "${username}".`, field);
  return channel;
}
