import type { StaffRole } from '@glint/access';

/**
 * The identity context's facts. Every personal value in them (an e-mail address, a password hash,
 * a two-factor secret, a confirmation token) is sealed with the owner's key, so deleting the
 * account makes every copy unreadable while the facts themselves stay countable.
 */

/**
 * The username is taken by one user, for good once their registration is recorded (a deleted
 * account keeps its name). Its stream is appended to only where it does not exist yet.
 */
export type UsernameClaimed = { type: 'UsernameClaimed'; data: { userId: string; username: string } };

/** A claim whose registration never followed is given up: the name can be claimed again. */
export type UsernameReleased = { type: 'UsernameReleased'; data: { userId: string; username: string } };

export type UsernameEvent = UsernameClaimed | UsernameReleased;

/**
 * An e-mail address is in use by one account. The address is not in the event nor in the stream's
 * name: the stream is named by a keyed hash of the address (see `emailClaimStreamName`).
 */
export type EmailAddressClaimed = { type: 'EmailAddressClaimed'; data: { userId: string } };

export const EMAIL_RELEASE_REASONS = ['account_deleted', 'registration_abandoned'] as const;
export type EmailReleaseReason = (typeof EMAIL_RELEASE_REASONS)[number];

/** The address is free again: its account was deleted, or its registration never finished. */
export type EmailAddressReleased = { type: 'EmailAddressReleased'; data: { userId: string; reason: EmailReleaseReason } };

export type EmailClaimEvent = EmailAddressClaimed | EmailAddressReleased;

export type UserRegistered = {
  type: 'UserRegistered';
  data: { userId: string; username: string; emailSealed: string; passwordHashSealed: string };
};

/** A confirmation mail is due: the mail outbox delivers it, the token's SHA-256 finds the account. */
export type EmailConfirmationRequested = {
  type: 'EmailConfirmationRequested';
  data: { userId: string; emailSealed: string; tokenSealed: string; tokenHash: string; requestedAt: string; expiresAt: string };
};

export type EmailConfirmed = { type: 'EmailConfirmed'; data: { userId: string } };

/** A session began; only the SHA-256 of its bearer token is kept. */
export type UserLoggedIn = {
  type: 'UserLoggedIn';
  data: {
    userId: string;
    sessionId: string;
    tokenHash: string;
    loggedInAt: string;
    expiresAt: string;
    /** The TOTP time step of the code used, so the same code never signs in twice. */
    twoFactorTimeStep: number | null;
  };
};

export const SESSION_END_REASONS = ['logout', 'password_changed', 'password_reset', 'global_ban', 'account_deleted'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

export type UserLoggedOut = { type: 'UserLoggedOut'; data: { userId: string; sessionId: string; reason: SessionEndReason } };

export type PasswordChanged = { type: 'PasswordChanged'; data: { userId: string; passwordHashSealed: string } };

/**
 * A password-reset mail is due: the mail outbox delivers it. The token carries the user's id, so
 * the link finds its account's stream; only its SHA-256 is checked against.
 */
export type PasswordResetRequested = {
  type: 'PasswordResetRequested';
  data: { userId: string; emailSealed: string; tokenSealed: string; tokenHash: string; requestedAt: string; expiresAt: string };
};

/** The password was set anew with a mailed token, which no longer works, nor does any other. */
export type PasswordReset = { type: 'PasswordReset'; data: { userId: string; passwordHashSealed: string; tokenHash: string } };

/** A two-factor secret was handed out; it protects nothing until a code made with it is confirmed. */
export type TwoFactorSetupStarted = { type: 'TwoFactorSetupStarted'; data: { userId: string; secretSealed: string } };

export type TwoFactorEnabled = { type: 'TwoFactorEnabled'; data: { userId: string; secretSealed: string; timeStep: number } };

export type TwoFactorDisabled = { type: 'TwoFactorDisabled'; data: { userId: string } };

// Which staff member acted is the event's actor (metadata), like every other event's.
export type StaffRoleGranted = { type: 'StaffRoleGranted'; data: { userId: string; role: StaffRole } };

export type StaffRoleRevoked = { type: 'StaffRoleRevoked'; data: { userId: string; role: StaffRole } };

export type UserGloballyBanned = { type: 'UserGloballyBanned'; data: { userId: string; reason: string } };

export type UserGloballyUnbanned = { type: 'UserGloballyUnbanned'; data: { userId: string } };

export type StreamingSuspended = { type: 'StreamingSuspended'; data: { userId: string; reason: string } };

export type StreamingReinstated = { type: 'StreamingReinstated'; data: { userId: string } };

/** The account is gone; its key is destroyed right after, so its personal values read as erased. */
export type AccountDeleted = { type: 'AccountDeleted'; data: { userId: string; username: string } };

/**
 * The registration of this user id never finished and never will: recorded in place of
 * `UserRegistered`, so a registration still under way can no longer be recorded after its claims
 * are released.
 */
export type RegistrationAbandoned = { type: 'RegistrationAbandoned'; data: { userId: string } };

export type UserEvent =
  | UserRegistered
  | EmailConfirmationRequested
  | EmailConfirmed
  | UserLoggedIn
  | UserLoggedOut
  | PasswordChanged
  | TwoFactorSetupStarted
  | TwoFactorEnabled
  | TwoFactorDisabled
  | StaffRoleGranted
  | StaffRoleRevoked
  | UserGloballyBanned
  | UserGloballyUnbanned
  | StreamingSuspended
  | StreamingReinstated
  | AccountDeleted
  | PasswordResetRequested
  | PasswordReset
  | RegistrationAbandoned;

export const userStreamName = (userId: string): string => `user-${userId}`;
/** Lower-cased, so two spellings of one name land on one stream and cannot both be claimed. */
export const usernameStreamName = (username: string): string => `username-${username.toLowerCase()}`;
/** `addressKey` is the vault's blind index of the normalised address (see `email-claims.ts`). */
export const emailClaimStreamName = (addressKey: string): string => `email-${addressKey}`;
