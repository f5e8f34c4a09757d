import type { Mail } from '@glint/mail';
import type { LinkMailFacts } from './confirmation-mail';

export function passwordResetMail(facts: LinkMailFacts): Mail {
  const link = new URL('/reset-password', facts.webBaseUrl);
  link.searchParams.set('token', facts.token);
  return {
    idempotencyKey: facts.eventId,
    recipientId: facts.userId,
    to: facts.to,
    subject: 'Set a new password for Glint',
    text: [
      'Someone asked to set a new password for the Glint account of this address.',
      '',
      'If it was you, open this link and choose a new one; every session of the account ends then:',
      link.toString(),
      '',
      `The link works once, until ${facts.expiresAt.toUTCString()}. If it was not you, ignore this mail: your password stays as it is.`,
    ].join('\n'),
    link: link.toString(),
  };
}
