import { nullable, readModelTable, type RowOf } from '@glint/projection-engine';

/** One row per account ever registered; a deleted account keeps its row, so counts stay right. */
export const accountsTable = readModelTable('accounts', {
  key: ['user_id'],
  columns: {
    user_id: 'text',
    username: 'text',
    /** Sealed with the owner's key: unreadable once the account is deleted. */
    email_sealed: 'text',
    email_confirmed: 'boolean',
    created_at: 'timestamptz',
    staff_role: nullable('text'),
    two_factor_enabled: 'boolean',
    /** Null unless the user is banned from Glint. */
    global_ban_reason: nullable('text'),
    streaming_suspended: 'boolean',
    deleted_at: nullable('timestamptz'),
  },
});
export type AccountsTableRow = RowOf<typeof accountsTable>;

/** A session that has not ended; the bearer token is known only by its SHA-256. */
export const sessionsTable = readModelTable('sessions', {
  key: ['session_id'],
  columns: { session_id: 'text', token_hash: 'text', user_id: 'text', expires_at: 'timestamptz' },
});
export type SessionsTableRow = RowOf<typeof sessionsTable>;

/** Which account a confirmation link belongs to; kept after confirming, so a second click is answered too. */
export const emailConfirmationTokensTable = readModelTable('email_confirmation_tokens', {
  key: ['token_hash'],
  columns: { token_hash: 'text', user_id: 'text', expires_at: 'timestamptz' },
});
export type EmailConfirmationTokensTableRow = RowOf<typeof emailConfirmationTokensTable>;
