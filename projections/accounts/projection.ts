import type { Recorded } from '@glint/eventstore';
import type { UserEvent } from '@glint/identity/events';
import { defineProjection } from '@glint/projection-engine';
import { AccountRow, EmailConfirmationTokenRow, SessionRow } from './entities';
import { accountsTable, emailConfirmationTokensTable, sessionsTable } from './tables';

const occurredAt = (event: Recorded<UserEvent>): Date => new Date(event.metadata.occurredAt);
const account = (event: Recorded<UserEvent>) => ({ user_id: event.data.userId });

/** Accounts, their live sessions and their e-mail confirmation links: what identity checks on every request. */
export const accounts = defineProjection<UserEvent>()({
  name: 'accounts',
  tables: { accounts: accountsTable, sessions: sessionsTable, email_confirmation_tokens: emailConfirmationTokensTable },
  entities: [AccountRow, SessionRow, EmailConfirmationTokenRow],
  handlers: {
    UserRegistered: (event, tables) => {
      const { userId, username, emailSealed } = event.data;
      tables.accounts.put({
        user_id: userId,
        username,
        email_sealed: emailSealed,
        email_confirmed: false,
        created_at: occurredAt(event),
        staff_role: null,
        two_factor_enabled: false,
        global_ban_reason: null,
        streaming_suspended: false,
        deleted_at: null,
      });
    },
    EmailConfirmationRequested: ({ data }, tables) => {
      tables.email_confirmation_tokens.put({ token_hash: data.tokenHash, user_id: data.userId, expires_at: new Date(data.expiresAt) });
    },
    EmailConfirmed: (event, tables) => tables.accounts.set(account(event), { email_confirmed: true }),
    UserLoggedIn: (event, tables) => {
      const { userId, sessionId, tokenHash, expiresAt } = event.data;
      // Sessions that had expired when this one began can never authenticate again: pruning them
      // by the event's own time keeps the table small and a replay identical.
      tables.sessions.removeUpTo({ user_id: userId }, 'expires_at', occurredAt(event));
      tables.sessions.put({ session_id: sessionId, token_hash: tokenHash, user_id: userId, expires_at: new Date(expiresAt) });
    },
    UserLoggedOut: ({ data }, tables) => tables.sessions.remove({ session_id: data.sessionId }),
    TwoFactorEnabled: (event, tables) => tables.accounts.set(account(event), { two_factor_enabled: true }),
    TwoFactorDisabled: (event, tables) => tables.accounts.set(account(event), { two_factor_enabled: false }),
    StaffRoleGranted: (event, tables) => tables.accounts.set(account(event), { staff_role: event.data.role }),
    StaffRoleRevoked: (event, tables) => tables.accounts.set(account(event), { staff_role: null }),
    UserGloballyBanned: (event, tables) => tables.accounts.set(account(event), { global_ban_reason: event.data.reason }),
    UserGloballyUnbanned: (event, tables) => tables.accounts.set(account(event), { global_ban_reason: null }),
    StreamingSuspended: (event, tables) => tables.accounts.set(account(event), { streaming_suspended: true }),
    StreamingReinstated: (event, tables) => tables.accounts.set(account(event), { streaming_suspended: false }),
    AccountDeleted: async (event, tables) => {
      const { userId } = event.data;
      tables.accounts.set(account(event), { deleted_at: occurredAt(event) });
      await tables.sessions.removeWhere({ user_id: userId });
      await tables.email_confirmation_tokens.removeWhere({ user_id: userId });
    },
  },
});
