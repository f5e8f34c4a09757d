import type { Recorded } from '@glint/eventstore';
import type { UserBanned, UserTimedOut, UserTimeoutLifted, UserUnbanned } from '@glint/moderation/events';
import { defineProjection, type TableWriters } from '@glint/projection-engine';
import { ChatStandingRow } from './entities';
import { chatStandingTable, type ChatStandingTableRow } from './tables';

type StandingEvent = UserTimedOut | UserTimeoutLifted | UserBanned | UserUnbanned;
const tables = { chat_standing: chatStandingTable };

/** A user the channel never moderated stands clear until this change. */
function changeStanding({ data }: Recorded<StandingEvent>, writers: TableWriters<typeof tables>, change: Partial<ChatStandingTableRow>): void {
  const key = { channel_id: data.channelId, user_id: data.targetUserId };
  writers.chat_standing.set(key, change, { insertIfMissing: { ...key, banned: false, timed_out_until: null } });
}

export const chatStanding = defineProjection<StandingEvent>()({
  name: 'chat_standing',
  tables,
  entities: [ChatStandingRow],
  handlers: {
    UserTimedOut: (event, writers) => changeStanding(event, writers, { timed_out_until: new Date(event.data.until) }),
    UserTimeoutLifted: (event, writers) => changeStanding(event, writers, { timed_out_until: null }),
    UserBanned: (event, writers) => changeStanding(event, writers, { banned: true }),
    UserUnbanned: (event, writers) => changeStanding(event, writers, { banned: false }),
  },
});
