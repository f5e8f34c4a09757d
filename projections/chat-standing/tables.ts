import { nullable, readModelTable, type RowOf } from '@glint/projection-engine';

/** Where one user stands in one channel's chat: what chat checks before it lets a message through. */
export const chatStandingTable = readModelTable('chat_standing', {
  key: ['channel_id', 'user_id'],
  columns: {
    channel_id: 'text',
    user_id: 'text',
    banned: 'boolean',
    /** The end of the latest timeout; kept after it runs out, readers compare it with their now. */
    timed_out_until: nullable('timestamptz'),
  },
});
export type ChatStandingTableRow = RowOf<typeof chatStandingTable>;
