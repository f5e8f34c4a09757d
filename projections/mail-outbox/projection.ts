import type { EmailConfirmationRequested, PasswordResetRequested } from '@glint/identity/events';
import { defineProjection } from '@glint/projection-engine';
import { MailOutboxRow } from './entities';
import { mailOutboxTable } from './tables';

/** The mails Glint owes: one row per event that asks for one, never changed afterwards. */
export const mailOutbox = defineProjection<EmailConfirmationRequested | PasswordResetRequested>()({
  name: 'mail_outbox',
  tables: { mail_outbox: mailOutboxTable },
  entities: [MailOutboxRow],
  handlers: {
    EmailConfirmationRequested: (event, tables) => {
      const { userId, emailSealed, tokenSealed, expiresAt } = event.data;
      tables.mail_outbox.insert({
        event_id: event.id,
        position: event.position,
        user_id: userId,
        kind: 'email_confirmation',
        email_sealed: emailSealed,
        token_sealed: tokenSealed,
        expires_at: new Date(expiresAt),
      });
    },
    PasswordResetRequested: (event, tables) => {
      const { userId, emailSealed, tokenSealed, expiresAt } = event.data;
      tables.mail_outbox.insert({
        event_id: event.id,
        position: event.position,
        user_id: userId,
        kind: 'password_reset',
        email_sealed: emailSealed,
        token_sealed: tokenSealed,
        expires_at: new Date(expiresAt),
      });
    },
  },
});
