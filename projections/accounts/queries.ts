import type { EntityManager } from '@mikro-orm/postgresql';
import type { StaffRole } from '@glint/access';

/** What other contexts may know of an account: chat rules read its age and confirmation, for example. */
export interface AccountFacts {
  userId: string;
  username: string;
  emailConfirmed: boolean;
  /** When the account was registered. */
  accountCreatedAt: Date;
  staffRole: StaffRole | null;
  globallyBanned: boolean;
  streamingSuspended: boolean;
  deleted: boolean;
}

interface AccountFactsRow {
  user_id: string;
  username: string;
  email_confirmed: boolean;
  created_at: Date;
  staff_role: StaffRole | null;
  globally_banned: boolean;
  streaming_suspended: boolean;
  deleted: boolean;
}

const SELECT_FACTS = `
  SELECT user_id, username, email_confirmed, created_at, staff_role, global_ban_reason IS NOT NULL AS globally_banned, streaming_suspended, deleted_at IS NOT NULL AS deleted
  FROM accounts`;

export async function readAccountFacts(em: EntityManager, userId: string): Promise<AccountFacts | null> {
  const [row] = await em.execute<AccountFactsRow[]>(`${SELECT_FACTS} WHERE user_id = ?`, [userId]);
  return row ? toAccountFacts(row) : null;
}

/** Usernames are unique whatever their case: "Ana" finds "ana". */
export async function findAccountByUsername(em: EntityManager, username: string): Promise<AccountFacts | null> {
  const [row] = await em.execute<AccountFactsRow[]>(`${SELECT_FACTS} WHERE lower(username) = lower(?)`, [username]);
  return row ? toAccountFacts(row) : null;
}

function toAccountFacts(row: AccountFactsRow): AccountFacts {
  return {
    userId: row.user_id,
    username: row.username,
    emailConfirmed: row.email_confirmed,
    accountCreatedAt: new Date(row.created_at),
    staffRole: row.staff_role,
    globallyBanned: row.globally_banned,
    streamingSuspended: row.streaming_suspended,
    deleted: row.deleted,
  };
}
