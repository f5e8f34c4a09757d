import type { Mail } from './mail-delivery';

export interface ConfirmationMailFacts {
  eventId: string;
  to: string;
  token: string;
  expiresAt: Date;
  /** Where Glint's web pages are served, e.g. https://glint.example. */
  webBaseUrl: string;
}

export function confirmationMail(facts: ConfirmationMailFacts): Mail {
  const link = new URL('/confirm-email', facts.webBaseUrl);
  link.searchParams.set('token', facts.token);
  return {
    idempotencyKey: facts.eventId,
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
