import { EntitySchema } from '@mikro-orm/core';

/* The MikroORM mappings the read functions of these tables still use. */

/** One row per account ever registered; a deleted account keeps its row, so counts stay right. */
export interface AccountRow {
  userId: string;
  username: string;
  /** Sealed with the owner's key: unreadable once the account is deleted. */
  emailSealed: string;
  emailConfirmed: boolean;
  createdAt: Date;
  staffRole: string | null;
  twoFactorEnabled: boolean;
  /** Null unless the user is banned from Glint. */
  globalBanReason: string | null;
  streamingSuspended: boolean;
  deletedAt: Date | null;
}

export const AccountRow = new EntitySchema<AccountRow>({
  name: 'AccountRow',
  tableName: 'accounts',
  properties: {
    userId: { type: 'text', primary: true },
    username: { type: 'text' },
    emailSealed: { type: 'text' },
    emailConfirmed: { type: 'boolean' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    staffRole: { type: 'text', nullable: true },
    twoFactorEnabled: { type: 'boolean' },
    globalBanReason: { type: 'text', nullable: true },
    streamingSuspended: { type: 'boolean' },
    deletedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});

/** A session that has not ended; the bearer token is known only by its SHA-256. */
export interface SessionRow {
  sessionId: string;
  tokenHash: string;
  userId: string;
  expiresAt: Date;
}

export const SessionRow = new EntitySchema<SessionRow>({
  name: 'SessionRow',
  tableName: 'sessions',
  properties: {
    sessionId: { type: 'text', primary: true },
    tokenHash: { type: 'text' },
    userId: { type: 'text' },
    expiresAt: { type: 'Date', columnType: 'timestamptz' },
  },
});

/** Which account a confirmation link belongs to; kept after confirming, so a second click is answered too. */
export interface EmailConfirmationTokenRow {
  tokenHash: string;
  userId: string;
  expiresAt: Date;
}

export const EmailConfirmationTokenRow = new EntitySchema<EmailConfirmationTokenRow>({
  name: 'EmailConfirmationTokenRow',
  tableName: 'email_confirmation_tokens',
  properties: {
    tokenHash: { type: 'text', primary: true },
    userId: { type: 'text' },
    expiresAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
