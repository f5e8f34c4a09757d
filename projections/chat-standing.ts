import { EntitySchema } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RecordedEvent } from '@glint/eventstore';
import type { UserBanned, UserTimedOut, UserTimeoutLifted, UserUnbanned } from '@glint/moderation';
import { defineProjection } from '@glint/projection-engine';

/** Where one user stands in one channel's chat: what chat checks before it lets a message through. */
export interface ChatStandingRow {
  channelId: string;
  userId: string;
  banned: boolean;
  /** The end of the latest timeout; kept after it runs out, readers compare it with their now. */
  timedOutUntil: Date | null;
}

export const ChatStandingRow = new EntitySchema<ChatStandingRow>({
  name: 'ChatStandingRow',
  tableName: 'chat_standing',
  properties: {
    channelId: { type: 'text', primary: true },
    userId: { type: 'text', primary: true },
    banned: { type: 'boolean' },
    timedOutUntil: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});

type StandingChange = { banned: boolean } | { timedOutUntil: Date | null };

// Plain SQL goes out at once and in order, so a later event of a batch sees what an earlier one wrote.
async function changeStanding(em: EntityManager, channelId: string, userId: string, change: StandingChange): Promise<void> {
  const [column, value] = 'banned' in change ? ['banned', change.banned] : ['timed_out_until', change.timedOutUntil];
  await em.execute(
    `INSERT INTO chat_standing (channel_id, user_id, ${column}) VALUES (?, ?, ?) ON CONFLICT (channel_id, user_id) DO UPDATE SET ${column} = excluded.${column}`,
    [channelId, userId, value],
    'run',
  );
}

export const chatStanding = defineProjection('chat_standing', {
  tables: ['chat_standing'],
  entities: [ChatStandingRow],
  handlers: {
    UserTimedOut: (event: RecordedEvent<string, UserTimedOut['data']>, em) =>
      changeStanding(em, event.data.channelId, event.data.targetUserId, { timedOutUntil: new Date(event.data.until) }),
    UserTimeoutLifted: (event: RecordedEvent<string, UserTimeoutLifted['data']>, em) =>
      changeStanding(em, event.data.channelId, event.data.targetUserId, { timedOutUntil: null }),
    UserBanned: (event: RecordedEvent<string, UserBanned['data']>, em) => changeStanding(em, event.data.channelId, event.data.targetUserId, { banned: true }),
    UserUnbanned: (event: RecordedEvent<string, UserUnbanned['data']>, em) => changeStanding(em, event.data.channelId, event.data.targetUserId, { banned: false }),
  },
});
