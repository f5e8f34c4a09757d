import { createHash, randomBytes } from 'node:crypto';

const TOKEN_BYTES = 32;

export interface OpaqueToken {
  /** Given to its holder once and never stored. */
  token: string;
  /** What is stored and looked up instead. */
  tokenHash: string;
}

/** 32 random bytes, base64url, after `prefix` (which says what the token is for). */
export function newOpaqueToken(prefix = ''): OpaqueToken {
  const token = `${prefix}${randomBytes(TOKEN_BYTES).toString('base64url')}`;
  return { token, tokenHash: tokenHash(token) };
}

/** SHA-256, hex: the tokens are random enough that a plain hash cannot be reversed by guessing. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
