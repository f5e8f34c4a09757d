import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { RecordedEvent } from '@glint/eventstore';
import type { EmailConfirmationRequested } from '@glint/identity';
import { defineProjection } from '@glint/projection-engine';

/**
 * A mail Glint owes someone, keyed by the event that asked for it. Whether it went out is recorded
 * by the outbox worker in `mail_deliveries` under the same event id, outside this read model, so
 * rebuilding it sends nothing twice.
 */
export interface MailOutboxRow {
  eventId: string;
  position: number;
  userId: string;
  kind: 'email_confirmation';
  /** Both sealed with the recipient's key: a mail to a deleted account can no longer be written. */
  emailSealed: string;
  tokenSealed: string;
  expiresAt: Date;
}

export const MailOutboxRow = new EntitySchema<MailOutboxRow>({
  name: 'MailOutboxRow',
  tableName: 'mail_outbox',
  properties: {
    eventId: { type: 'uuid', primary: true },
    position: { type: new BigIntType('number') },
    userId: { type: 'text' },
    kind: { type: 'text' },
    emailSealed: { type: 'text' },
    tokenSealed: { type: 'text' },
    expiresAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

export const mailOutbox = defineProjection('mail_outbox', {
  tables: ['mail_outbox'],
  entities: [MailOutboxRow],
  handlers: {
    // Insert-only: nothing in a batch reads these rows back.
    EmailConfirmationRequested: (event: RecordedEvent<string, EmailConfirmationRequested['data']>) => {
      const { userId, emailSealed, tokenSealed, expiresAt } = event.data;
      return [{ entity: MailOutboxRow, rows: [{ eventId: event.id, position: event.position, userId, kind: 'email_confirmation', emailSealed, tokenSealed, expiresAt: new Date(expiresAt) }] }];
    },
  },
});
