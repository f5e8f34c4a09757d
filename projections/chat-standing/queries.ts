import type { EntityManager } from '@mikro-orm/postgresql';

export interface ChatStandingView {
  banned: boolean;
  /** The end of the latest timeout, possibly past: the caller compares it with its own now. */
  timedOutUntil: Date | null;
}

/** Where a user stands in a channel's chat; someone never moderated there stands clear. */
export async function readChatStanding(em: EntityManager, channelId: string, userId: string): Promise<ChatStandingView> {
  // One index look-up in plain SQL: every chat message asks, so it skips the ORM's mapping.
  const [row] = await em.execute<Array<{ banned: boolean; timed_out_until: Date | string | null }>>(
    'SELECT banned, timed_out_until FROM chat_standing WHERE channel_id = ? AND user_id = ?',
    [channelId, userId],
  );
  return { banned: row?.banned ?? false, timedOutUntil: row?.timed_out_until == null ? null : new Date(row.timed_out_until) };
}
