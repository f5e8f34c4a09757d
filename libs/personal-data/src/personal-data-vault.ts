import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { ForbiddenError, ValidationError } from '@glint/domain-errors';
import { formatSealed, parseSealed, type SealedParts } from './sealed-value';

/** One value as `openEach` found it: opened, erased with its owner's key, or not a value that opens. */
export type OpenedValue = { status: 'opened'; value: string } | { status: 'erased' } | { status: 'unreadable' };

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;

/**
 * Crypto-shredding. Personal fields (an e-mail address, a legal name) go into events sealed with
 * a key of their owner's; the keys live in `personal_data_keys`, outside the log. Erasing an
 * account destroys its key: the log stays as it was, every count and sum built from its
 * non-personal facts stays right, and the personal values in it can never be read again.
 */
export class PersonalDataVault {
  private readonly pool: Pool;
  /** A blind-index key never changes once made: read once per purpose. */
  private readonly indexKeys = new Map<string, Promise<Buffer>>();

  constructor(options: { connectionString: string; poolSize?: number }) {
    this.pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 4, application_name: 'glint-personal-data' });
    this.pool.on('error', () => undefined);
    // A connection dropped while checked out must not crash the process: its statement fails, and the pool discards it on release.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  /** Seals `value` with the user's key, making the key on first use. An erased user gets no new personal data. */
  async seal(userId: string, value: string): Promise<string> {
    assertUserId(userId);
    const key = await this.keyForSealing(userId);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv);
    // The owner is bound into the tag: a value moved under another user's name does not open.
    cipher.setAAD(Buffer.from(userId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return formatSealed({ userId, iv, ciphertext, tag: cipher.getAuthTag() });
  }

  /** The plain value, or null when its owner's key was destroyed. */
  async open(sealed: string): Promise<string | null> {
    const [value] = await this.openMany([sealed]);
    return value;
  }

  /** Opens many values with one look-up of their owners' keys, in order; null where a key was destroyed. */
  async openMany(sealed: string[]): Promise<Array<string | null>> {
    const parts = sealed.map((value, index) => {
      const parsed = parseSealed(value);
      if (!parsed) throw new ValidationError('not_sealed', `Value ${index} is not a sealed personal value.`);
      return parsed;
    });
    const keys = await this.keysOf(parts);
    return parts.map((part) => {
      const key = keys.get(part.userId);
      if (!key) return null;
      const plain = decrypt(part, key);
      if (plain === null) throw new ValidationError('tampered_personal_value', `A personal value of user ${part.userId} does not match its seal: it was altered.`);
      return plain;
    });
  }

  /**
   * Opens each value on its own, in order, with one look-up of the owners' keys: a value that is
   * not a sealed value, or does not match its seal, is `unreadable` rather than a refusal of all.
   */
  async openEach(sealed: readonly string[]): Promise<OpenedValue[]> {
    const parts = sealed.map((value) => parseSealed(value));
    const keys = await this.keysOf(parts.filter((part): part is SealedParts => part !== null));
    return parts.map((part): OpenedValue => {
      if (part === null) return { status: 'unreadable' };
      const key = keys.get(part.userId);
      if (!key) return { status: 'erased' };
      const plain = decrypt(part, key);
      return plain === null ? { status: 'unreadable' } : { status: 'opened', value: plain };
    });
  }

  /**
   * A keyed hash (HMAC-SHA256, base64url) of a personal value, to find a record by that value
   * without storing it: the same value always gives the same index. The key is one per purpose,
   * made on first use and kept beside the users' keys, outside the log, so the log alone (a copy,
   * a replica, an export) cannot be searched for a guessed value, as a plain hash could be.
   */
  async blindIndex(purpose: string, value: string): Promise<string> {
    let key = this.indexKeys.get(purpose);
    if (!key) {
      key = this.indexKeyFor(purpose);
      // A failed read is tried again by the next caller rather than remembered.
      key.catch(() => this.indexKeys.delete(purpose));
      this.indexKeys.set(purpose, key);
    }
    return createHmac('sha256', await key).update(value, 'utf8').digest('base64url');
  }

  /** Destroys the user's key for good. Idempotent; a user with no key yet can never get one. */
  async shred(userId: string): Promise<void> {
    assertUserId(userId);
    await this.pool.query(
      `INSERT INTO personal_data_keys (user_id, key, shredded_at) VALUES ($1, NULL, now())
       ON CONFLICT (user_id) DO UPDATE SET key = NULL, shredded_at = coalesce(personal_data_keys.shredded_at, now())`,
      [userId],
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async keysOf(parts: readonly SealedParts[]): Promise<Map<string, Buffer | null>> {
    if (parts.length === 0) return new Map();
    const owners = [...new Set(parts.map((part) => part.userId))];
    const { rows } = await this.pool.query<{ user_id: string; key: Buffer | null }>('SELECT user_id, key FROM personal_data_keys WHERE user_id = ANY($1::text[])', [owners]);
    return new Map(rows.map((row) => [row.user_id, row.key]));
  }

  private async indexKeyFor(purpose: string): Promise<Buffer> {
    // Concurrent first uses (in several processes) race to insert; every one reads the winner's key.
    await this.pool.query('INSERT INTO blind_index_keys (purpose, key) VALUES ($1, $2) ON CONFLICT (purpose) DO NOTHING', [purpose, randomBytes(KEY_BYTES)]);
    const { rows } = await this.pool.query<{ key: Buffer }>('SELECT key FROM blind_index_keys WHERE purpose = $1', [purpose]);
    return rows[0].key;
  }

  private async keyForSealing(userId: string): Promise<Buffer> {
    // Concurrent first seals race to insert; the loser reads the winner's key.
    const { rows } = await this.pool.query<{ key: Buffer | null }>(
      `WITH made AS (
         INSERT INTO personal_data_keys (user_id, key) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING RETURNING key
       )
       SELECT key FROM made UNION ALL SELECT key FROM personal_data_keys WHERE user_id = $1 LIMIT 1`,
      [userId, randomBytes(KEY_BYTES)],
    );
    // A first seal of the same user committed while this statement ran is not in its snapshot.
    const stored = rows.length > 0 ? rows : (await this.pool.query<{ key: Buffer | null }>('SELECT key FROM personal_data_keys WHERE user_id = $1', [userId])).rows;
    const key = stored[0]?.key;
    if (!key) throw new ForbiddenError('personal_data_erased', `The personal data of user ${userId} was erased; nothing personal can be recorded for them again.`);
    return key;
  }
}

/** The plain value, or null when the value does not match its seal (altered, or parts of the wrong size). */
function decrypt(part: SealedParts, key: Buffer): string | null {
  try {
    const decipher = createDecipheriv(ALGORITHM, key, part.iv);
    decipher.setAAD(Buffer.from(part.userId, 'utf8'));
    decipher.setAuthTag(part.tag);
    return Buffer.concat([decipher.update(part.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

function assertUserId(userId: string): void {
  if (typeof userId !== 'string' || userId.trim() === '' || userId.length > 255) {
    throw new ValidationError('invalid_user_id', 'A user id must be a non-empty string of at most 255 characters.', 'userId');
  }
}
