import { newOpaqueToken, type OpaqueToken } from './opaque-tokens';

const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A reset token starts with its user's id (no secret: ids are public), so the link leads straight
 * to the account's stream, with no look-up table kept for it; what follows is 32 random bytes.
 */
export function newPasswordResetToken(userId: string): OpaqueToken {
  return newOpaqueToken(`${userId}.`);
}

/** The user id a reset token names, or null when it names none. */
export function userIdOfPasswordResetToken(token: string): string | null {
  const userId = token.slice(0, token.indexOf('.'));
  return USER_ID.test(userId) ? userId : null;
}
