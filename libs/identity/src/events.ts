import type { StaffRole } from '@glint/access';

/**
 * The identity context's facts. Every personal value in them (an e-mail address, a password hash,
 * a two-factor secret, a confirmation token) is sealed with the owner's key, so deleting the
 * account makes every copy unreadable while the facts themselves stay countable.
 */

/** The username is taken for good by one user: its stream is claimed once and never released. */
export type UsernameClaimed = { type: 'UsernameClaimed'; data: { userId: string; username: string } };

export type UsernameEvent = UsernameClaimed;

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

export const SESSION_END_REASONS = ['logout', 'password_changed', 'global_ban', 'account_deleted'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

export type UserLoggedOut = { type: 'UserLoggedOut'; data: { userId: string; sessionId: string; reason: SessionEndReason } };

export type PasswordChanged = { type: 'PasswordChanged'; data: { userId: string; passwordHashSealed: string } };

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
  | AccountDeleted;

export const userStreamName = (userId: string): string => `user-${userId}`;
/** Lower-cased, so two spellings of one name land on one stream and cannot both be claimed. */
export const usernameStreamName = (username: string): string => `username-${username.toLowerCase()}`;
