import type { EntityManager } from '@mikro-orm/postgresql';
import { readChannelByUsername, type ChannelView } from '@glint/channels';
import { NotFoundError } from '@glint/domain-errors';

/** The channel whose chat `/…/<username>/chat` is; a channel that never was and one that is gone look alike. */
export async function chatChannelNamed(em: EntityManager, username: string): Promise<ChannelView> {
  const channel = await readChannelByUsername(em, username);
  if (!channel || channel.deleted) throw new NotFoundError('channel_not_found', `There is no channel named "${username}".`);
  return channel;
}
