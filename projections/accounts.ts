import { EntitySchema } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RecordedEvent } from '@glint/eventstore';
import type {
  AccountDeleted,
  EmailConfirmationRequested,
  EmailConfirmed,
  StaffRoleGranted,
  StaffRoleRevoked,
  StreamingReinstated,
  StreamingSuspended,
  TwoFactorDisabled,
  TwoFactorEnabled,
  UserGloballyBanned,
  UserGloballyUnbanned,
  UserLoggedIn,
  UserLoggedOut,
  UserRegistered,
} from '@glint/identity';
import { defineProjection } from '@glint/projection-engine';

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

type Handled<Event extends { data: unknown }> = RecordedEvent<string, Event['data']>;

const occurredAt = (event: RecordedEvent): Date => new Date(event.metadata.occurredAt);

async function setAccount(em: EntityManager, userId: string, assignments: string, values: unknown[] = []): Promise<void> {
  await em.execute(`UPDATE accounts SET ${assignments} WHERE user_id = ?`, [...values, userId], 'run');
}

// Plain SQL, which goes out at once and in order: a later event of a batch always sees what an
// earlier one wrote, so where batches begin and end (live or rebuild) never changes the rows.
export const accounts = defineProjection('accounts', {
  tables: ['accounts', 'sessions', 'email_confirmation_tokens'],
  entities: [AccountRow, SessionRow, EmailConfirmationTokenRow],
  handlers: {
    UserRegistered: async (event: Handled<UserRegistered>, em) => {
      const { userId, username, emailSealed } = event.data;
      await em.execute(
        `INSERT INTO accounts (user_id, username, email_sealed, email_confirmed, created_at, staff_role, two_factor_enabled, global_ban_reason, streaming_suspended, deleted_at)
         VALUES (?, ?, ?, false, ?, NULL, false, NULL, false, NULL)`,
        [userId, username, emailSealed, occurredAt(event)],
        'run',
      );
    },
    EmailConfirmationRequested: async (event: Handled<EmailConfirmationRequested>, em) => {
      const { userId, tokenHash, expiresAt } = event.data;
      await em.execute('INSERT INTO email_confirmation_tokens (token_hash, user_id, expires_at) VALUES (?, ?, ?)', [tokenHash, userId, new Date(expiresAt)], 'run');
    },
    EmailConfirmed: (event: Handled<EmailConfirmed>, em) => setAccount(em, event.data.userId, 'email_confirmed = true'),
    UserLoggedIn: async (event: Handled<UserLoggedIn>, em) => {
      const { userId, sessionId, tokenHash, expiresAt } = event.data;
      // Sessions that had expired when this one began can never authenticate again: pruning them
      // by the event's own time keeps the table small and a replay identical.
      await em.execute('DELETE FROM sessions WHERE user_id = ? AND expires_at <= ?', [userId, occurredAt(event)], 'run');
      await em.execute('INSERT INTO sessions (session_id, token_hash, user_id, expires_at) VALUES (?, ?, ?, ?)', [sessionId, tokenHash, userId, new Date(expiresAt)], 'run');
    },
    UserLoggedOut: async (event: Handled<UserLoggedOut>, em) => {
      await em.execute('DELETE FROM sessions WHERE session_id = ?', [event.data.sessionId], 'run');
    },
    TwoFactorEnabled: (event: Handled<TwoFactorEnabled>, em) => setAccount(em, event.data.userId, 'two_factor_enabled = true'),
    TwoFactorDisabled: (event: Handled<TwoFactorDisabled>, em) => setAccount(em, event.data.userId, 'two_factor_enabled = false'),
    StaffRoleGranted: (event: Handled<StaffRoleGranted>, em) => setAccount(em, event.data.userId, 'staff_role = ?', [event.data.role]),
    StaffRoleRevoked: (event: Handled<StaffRoleRevoked>, em) => setAccount(em, event.data.userId, 'staff_role = NULL'),
    UserGloballyBanned: (event: Handled<UserGloballyBanned>, em) => setAccount(em, event.data.userId, 'global_ban_reason = ?', [event.data.reason]),
    UserGloballyUnbanned: (event: Handled<UserGloballyUnbanned>, em) => setAccount(em, event.data.userId, 'global_ban_reason = NULL'),
    StreamingSuspended: (event: Handled<StreamingSuspended>, em) => setAccount(em, event.data.userId, 'streaming_suspended = true'),
    StreamingReinstated: (event: Handled<StreamingReinstated>, em) => setAccount(em, event.data.userId, 'streaming_suspended = false'),
    AccountDeleted: async (event: Handled<AccountDeleted>, em) => {
      const { userId } = event.data;
      await setAccount(em, userId, 'deleted_at = ?', [occurredAt(event)]);
      await em.execute('DELETE FROM sessions WHERE user_id = ?', [userId], 'run');
      await em.execute('DELETE FROM email_confirmation_tokens WHERE user_id = ?', [userId], 'run');
    },
  },
});
