import type { EntityManager } from '@mikro-orm/postgresql';
import { ChatStandingRow } from './entities';

export interface ChatStandingView {
  banned: boolean;
  /** The end of the latest timeout, possibly past: the caller compares it with its own now. */
  timedOutUntil: Date | null;
}

/** Where a user stands in a channel's chat; someone never moderated there stands clear. */
export async function readChatStanding(em: EntityManager, channelId: string, userId: string): Promise<ChatStandingView> {
  const row = await em.findOne(ChatStandingRow, { channelId, userId }, { disableIdentityMap: true });
  return { banned: row?.banned ?? false, timedOutUntil: row?.timedOutUntil ?? null };
}
