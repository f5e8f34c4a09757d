import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SECRET_LENGTH = 64;

/** A new stream key: `<channelId>-<64 random [0-9A-Za-z]>`, so an encoder's key says whose channel it is. */
export function newStreamKey(channelId: string): string {
  let secret = '';
  for (let index = 0; index < SECRET_LENGTH; index++) secret += ALPHABET[randomInt(ALPHABET.length)];
  return `${channelId}-${secret}`;
}

/** Only this is stored: the key is shown once, to the owner. */
export function hashStreamKey(streamKey: string): string {
  return createHash('sha256').update(streamKey, 'utf8').digest('hex');
}

/** Compares in constant time, so response times tell nothing about how much of a guess was right. */
export function streamKeyMatches(presentedKey: string, storedHash: string): boolean {
  const presented = Buffer.from(hashStreamKey(presentedKey), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
