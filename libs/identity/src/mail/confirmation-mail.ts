import type { Mail } from '@glint/mail';

/** What a mail with a one-time link from the outbox is made of. */
export interface LinkMailFacts {
  eventId: string;
  userId: string;
  to: string;
  token: string;
  expiresAt: Date;
  /** Where Glint's web pages are served, e.g. https://glint.example. */
  webBaseUrl: string;
}

export function confirmationMail(facts: LinkMailFacts): Mail {
  const link = new URL('/confirm-email', facts.webBaseUrl);
  link.searchParams.set('token', facts.token);
  return {
    idempotencyKey: facts.eventId,
    recipientId: facts.userId,
    to: facts.to,
    subject: 'Confirm your e-mail address for Glint',
    text: [
      'Welcome to Glint!',
      '',
      'Open this link to confirm that this is your e-mail address:',
      link.toString(),
      '',
      `The link works until ${facts.expiresAt.toUTCString()}. If you did not sign up for Glint, ignore this mail.`,
    ].join('\n'),
    link: link.toString(),
  };
}
