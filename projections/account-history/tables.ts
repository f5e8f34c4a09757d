import { jsonb, readModelTable, type RowOf } from '@glint/projection-engine';
import type { Actor } from '@glint/eventstore';

/** How the user is involved: did it (`actor`), it is about them (`subject`), or `both`. */
export type AccountRelation = 'actor' | 'subject' | 'both';

/** One row per user an event concerns; the key (user_id, position) serves newest-first pages. */
export const accountHistoryTable = readModelTable('account_history', {
  key: ['user_id', 'position'],
  columns: {
    user_id: 'text',
    position: 'bigint',
    event_id: 'uuid',
    event_type: 'text',
    stream_name: 'text',
    relation: 'text',
    actor: jsonb<Actor>(),
    correlation_id: 'text',
    occurred_at: 'timestamptz',
    recorded_at: 'timestamptz',
  },
});
export type AccountHistoryTableRow = RowOf<typeof accountHistoryTable>;
