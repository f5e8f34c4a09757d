import { createHash, randomBytes } from 'node:crypto';
import { APP_TOKEN_PREFIX } from '@glint/access';

/**
 * Secrets and tokens are 256 random bits, shown to their holder once; Glint keeps only their
 * SHA-256, which is enough for values this random (no dictionary to guess from) and cheap to look up.
 */
const SECRET_BYTES = 32;
export const CLIENT_SECRET_PREFIX = 'glcs_';

export function newClientId(): string {
  return randomBytes(16).toString('hex');
}

export function newClientSecret(): string {
  return `${CLIENT_SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

export function newAppAccessToken(): string {
  return `${APP_TOKEN_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
