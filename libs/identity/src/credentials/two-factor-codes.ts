import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { fromBase32, toBase32 } from './base32';

/**
 * TOTP as authenticator apps make it (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps). Written on
 * node:crypto because otplib 13 pulls in ESM-only hash and base32 packages that the CommonJS test
 * runner cannot load; the algorithm is small and checked against the RFC's test vectors.
 */
const ISSUER = 'Glint';
const STEP_SECONDS = 30;
const DIGITS = 6;
const SECRET_BYTES = 20;
/** A code from the step before or after is accepted too: phone clocks drift. */
const DRIFT_STEPS = 1;

export function newTwoFactorSecret(): string {
  return toBase32(randomBytes(SECRET_BYTES));
}

/** What an authenticator app scans (as a QR code) to add the account. */
export function otpauthUri(username: string, secret: string): string {
  const label = encodeURIComponent(`${ISSUER}:${username}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=${ISSUER}&algorithm=SHA1&digits=${DIGITS}&period=${STEP_SECONDS}`;
}

export function timeStepAt(time: Date): number {
  return Math.floor(time.getTime() / 1000 / STEP_SECONDS);
}

/** The code for one time step; `digits` other than 6 only for the RFC's test vectors. */
export function codeFor(secret: string, timeStep: number, digits = DIGITS): string {
  const key = fromBase32(secret);
  if (key === null) throw new Error('A TOTP secret must be base32.');
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(timeStep));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const truncated = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(truncated % 10 ** digits).padStart(digits, '0');
}

/** The time step the code belongs to, or null when it is no valid code for the secret around `now`. */
export function codeTimeStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code) || fromBase32(secret) === null) return null;
  const current = timeStepAt(now);
  for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
    if (timingSafeEqual(Buffer.from(codeFor(secret, step)), Buffer.from(code))) return step;
  }
  return null;
}
