import type { Mail } from '@glint/mail';

export interface SignInLockedFacts {
  userId: string;
  to: string;
  username: string;
  /** "15 minutes" */
  lockedFor: string;
  lockedAt: Date;
  /** Where Glint's web pages are served, e.g. https://glint.example. */
  webBaseUrl: string;
}

/** Tells an account's owner that failed sign-ins locked it, and what to do if they were not theirs. */
export function signInLockedMail(facts: SignInLockedFacts): Mail {
  const link = new URL('/reset-password', facts.webBaseUrl).toString();
  return {
    // One lock is told once.
    idempotencyKey: `sign-in-locked:${facts.userId}:${facts.lockedAt.toISOString()}`,
    recipientId: facts.userId,
    to: facts.to,
    subject: 'Your Glint account was locked after failed sign-ins',
    text: [
      `Someone tried to sign in to ${facts.username} on Glint with wrong passwords, several times in a row.`,
      `To keep the account safe, signing in is locked for ${facts.lockedFor}; after that it works again as before.`,
      '',
      'If this was you, just wait. If it was not, choose a new password:',
      link,
    ].join('\n'),
    link,
  };
}
