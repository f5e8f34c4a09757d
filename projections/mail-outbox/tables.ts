import { readModelTable, type RowOf } from '@glint/projection-engine';

/**
 * A mail Glint owes someone, keyed by the event that asked for it. Whether it went out is recorded
 * by the outbox worker in `mail_deliveries` under the same event id, outside this read model, so
 * rebuilding it sends nothing twice.
 */
export const mailOutboxTable = readModelTable('mail_outbox', {
  key: ['event_id'],
  columns: {
    event_id: 'uuid',
    position: 'bigint',
    user_id: 'text',
    kind: 'text',
    /** Both sealed with the recipient's key: a mail to a deleted account can no longer be written. */
    email_sealed: 'text',
    token_sealed: 'text',
    expires_at: 'timestamptz',
  },
});
export type MailOutboxTableRow = RowOf<typeof mailOutboxTable>;
