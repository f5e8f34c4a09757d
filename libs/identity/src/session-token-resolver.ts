import { Inject, Injectable } from '@nestjs/common';
import { SESSION_TOKEN_PREFIX, type PrincipalResolver, type StaffRole, type UserPrincipal } from '@glint/access';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { tokenHash } from './credentials/opaque-tokens';

interface SessionPrincipalRow {
  session_id: string;
  user_id: string;
  username: string;
  staff_role: StaffRole | null;
  email_confirmed: boolean;
  created_at: Date;
}

/**
 * Turns a `gls_…` session token into the signed-in user: one look-up of the token's hash joined to
 * its account by primary key. An ended session has no row; an expired one, or one of a banned or
 * deleted account, is refused here too, whatever lags behind.
 */
@Injectable()
export class SessionTokenResolver implements PrincipalResolver {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async resolve(bearerToken: string): Promise<UserPrincipal | null> {
    if (!bearerToken.startsWith(SESSION_TOKEN_PREFIX)) return null;
    const [row] = await this.readModels.entityManager().execute<SessionPrincipalRow[]>(
      `SELECT s.session_id, a.user_id, a.username, a.staff_role, a.email_confirmed, a.created_at
       FROM sessions s JOIN accounts a ON a.user_id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND a.global_ban_reason IS NULL AND a.deleted_at IS NULL`,
      [tokenHash(bearerToken), new Date()],
    );
    if (!row) return null;
    return {
      kind: 'user',
      userId: row.user_id,
      username: row.username,
      sessionId: row.session_id,
      staffRole: row.staff_role,
      emailConfirmed: row.email_confirmed,
      accountCreatedAt: new Date(row.created_at),
    };
  }
}
