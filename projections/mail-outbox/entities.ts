import { BigIntType, EntitySchema } from '@mikro-orm/core';

/** A mail_outbox row as the read functions see it (MikroORM maps it until the reads move to plain SQL). */
export interface MailOutboxRow {
  eventId: string;
  position: number;
  userId: string;
  kind: 'email_confirmation' | 'password_reset';
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
