/**
 * A personal value as it is stored inside an event: `pd1.<user>.<iv>.<ciphertext>.<tag>`, the user
 * id and the binary parts in base64url. It names its owner, so reading it needs no other context,
 * and it is a plain string, so it fits anywhere JSON does.
 */
export interface SealedParts {
  userId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

const PREFIX = 'pd1';

export function formatSealed(parts: SealedParts): string {
  return [PREFIX, Buffer.from(parts.userId, 'utf8').toString('base64url'), parts.iv.toString('base64url'), parts.ciphertext.toString('base64url'), parts.tag.toString('base64url')].join('.');
}

/** The parts of a sealed value, or null when the string is not one. */
export function parseSealed(value: string): SealedParts | null {
  const pieces = value.split('.');
  if (pieces.length !== 5 || pieces[0] !== PREFIX) return null;
  const [, user, iv, ciphertext, tag] = pieces;
  if (![user, iv, ciphertext, tag].every((piece) => /^[A-Za-z0-9_-]*$/.test(piece))) return null;
  const userId = Buffer.from(user, 'base64url').toString('utf8');
  if (userId === '') return null;
  return { userId, iv: Buffer.from(iv, 'base64url'), ciphertext: Buffer.from(ciphertext, 'base64url'), tag: Buffer.from(tag, 'base64url') };
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && parseSealed(value) !== null;
}
