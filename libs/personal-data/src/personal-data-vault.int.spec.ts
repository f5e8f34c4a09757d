import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ForbiddenError, ValidationError } from '@glint/domain-errors';
import { until } from '@glint/testing';
import { createTestDatabase, type TestDatabase } from '@glint/testing/database';
import { PersonalDataVault } from './personal-data-vault';
import { isSealed } from './sealed-value';

describe('PersonalDataVault', () => {
  let database: TestDatabase;
  let vault: PersonalDataVault;

  beforeAll(async () => {
    database = await createTestDatabase();
    vault = new PersonalDataVault({ connectionString: database.url });
  });
  afterAll(async () => {
    await vault?.close();
    await database?.drop();
  });

  it('seals a value so the event holds no trace of it, and opens it again', async () => {
    const sealed = await vault.seal('user-ana', 'ana@example.org');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('ana@example.org');
    expect(Buffer.from(sealed, 'utf8').toString()).not.toContain('example');
    expect(await vault.open(sealed)).toBe('ana@example.org');
  });

  it('seals the same value differently each time', async () => {
    const [a, b] = [await vault.seal('user-ana', 'Ana Lima'), await vault.seal('user-ana', 'Ana Lima')];
    expect(a).not.toBe(b);
    expect(await vault.openMany([a, b])).toEqual(['Ana Lima', 'Ana Lima']);
  });

  it('keeps Unicode exactly, and opens many owners’ values in one call', async () => {
    const values = [await vault.seal('user-bo', 'Bø Ŝtrömberg 👋'), await vault.seal('user-cy', ''), await vault.seal('user-bo', 'bo@example.org')];
    expect(await vault.openMany(values)).toEqual(['Bø Ŝtrömberg 👋', '', 'bo@example.org']);
  });

  it('after erasure reads the user’s values as gone, leaves other users’ alone, and records nothing new for them', async () => {
    const dana = await vault.seal('user-dana', 'dana@example.org');
    const eli = await vault.seal('user-eli', 'eli@example.org');
    await vault.shred('user-dana');
    await vault.shred('user-dana');
    expect(await vault.openMany([dana, eli])).toEqual([null, 'eli@example.org']);
    await expect(vault.seal('user-dana', 'dana@new.example.org')).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('erases a user who never had personal data, for good', async () => {
    await vault.shred('user-never');
    await expect(vault.seal('user-never', 'x')).rejects.toMatchObject({ code: 'personal_data_erased' });
  });

  it('refuses a value that was altered, or moved under another user’s name', async () => {
    const sealed = await vault.seal('user-fay', 'fay@example.org');
    const [prefix, user, iv, ciphertext, tag] = sealed.split('.');
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] ^= 1;
    await expect(vault.open([prefix, user, iv, flipped.toString('base64url'), tag].join('.'))).rejects.toMatchObject({ code: 'tampered_personal_value' });

    await vault.seal('user-gus', 'anything');
    const moved = [prefix, Buffer.from('user-gus').toString('base64url'), iv, ciphertext, tag].join('.');
    await expect(vault.open(moved)).rejects.toMatchObject({ code: 'tampered_personal_value' });
  });

  it('refuses a value whose parts are of the wrong size as altered, not as a failure of its own', async () => {
    const [prefix, user, iv, ciphertext, tag] = (await vault.seal('user-dee', 'dee@example.org')).split('.');
    await expect(vault.open([prefix, user, iv.slice(0, 4), ciphertext, tag].join('.'))).rejects.toMatchObject({ code: 'tampered_personal_value' });
    await expect(vault.open([prefix, user, iv, ciphertext, tag.slice(0, 3)].join('.'))).rejects.toMatchObject({ code: 'tampered_personal_value' });
  });

  it('opens each value on its own: opened, erased with its owner, or unreadable, never refusing the others', async () => {
    const good = await vault.seal('user-eve', 'eve@example.org');
    const [prefix, user, iv, ciphertext, tag] = good.split('.');
    await vault.seal('user-fay', 'fay@example.org');
    await vault.shred('user-fay');
    const ofFay = [prefix, Buffer.from('user-fay').toString('base64url'), iv, ciphertext, tag].join('.');
    const ofNobody = [prefix, Buffer.from('user-nobody').toString('base64url'), iv, ciphertext, tag].join('.');
    const moved = [prefix, Buffer.from('user-ana').toString('base64url'), iv, ciphertext, tag].join('.');
    expect(await vault.openEach([good, ofFay, ofNobody, moved, 'pd1.not-sealed', [prefix, user, iv, ciphertext].join('.'), [prefix, user, 'AA', ciphertext, tag].join('.')])).toEqual([
      { status: 'opened', value: 'eve@example.org' },
      { status: 'erased' },
      { status: 'erased' },
      { status: 'unreadable' },
      { status: 'unreadable' },
      { status: 'unreadable' },
      { status: 'unreadable' },
    ]);
    expect(await vault.openEach([])).toEqual([]);
  });

  it('makes one key for a user even when first seals race', async () => {
    const sealed = await Promise.all(Array.from({ length: 20 }, (_, i) => vault.seal('user-hal', `value ${i}`)));
    expect(await vault.openMany(sealed)).toEqual(Array.from({ length: 20 }, (_, i) => `value ${i}`));
  });

  it('uses the key another process made while its own first seal waited for it', async () => {
    // The other process's first seal is inserted but not yet committed when this one starts.
    const other = new Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query("INSERT INTO personal_data_keys (user_id, key) VALUES ('user-ivy', $1)", [randomBytes(32)]);
      const sealing = vault.seal('user-ivy', 'ivy@example.org');
      // pg_locks is read live, even inside the open transaction (pg_stat_activity would be a snapshot).
      const blockedByOther = async () => (await other.query('SELECT 1 FROM pg_locks WHERE NOT granted AND pg_backend_pid() = ANY (pg_blocking_pids(pid))')).rowCount! > 0;
      await until('the seal to wait for the uncommitted key', blockedByOther);
      await other.query('COMMIT');
      expect(await vault.open(await sealing)).toBe('ivy@example.org');
    } finally {
      await other.end();
    }
  });

  it.each([
    ['a string that is not sealed', 'ana@example.org'],
    ['a sealed-looking string with a bad part', 'pd1.dXNlcg.!!.x.y'],
  ])('refuses to open %s', async (_, value) => {
    await expect(vault.open(value)).rejects.toBeInstanceOf(ValidationError);
  });

  it('indexes a value by a keyed hash: the same for the same value and purpose, in every process, and not the value’s plain hash', async () => {
    const other = new PersonalDataVault({ connectionString: database.url });
    try {
      const [mine, theirs] = await Promise.all([vault.blindIndex('email_address', 'ana@example.org'), other.blindIndex('email_address', 'ana@example.org')]);
      expect(mine).toBe(theirs);
      expect(mine).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(mine).not.toBe(createHash('sha256').update('ana@example.org').digest('base64url'));
      expect(await vault.blindIndex('email_address', 'ben@example.org')).not.toBe(mine);
      expect(await vault.blindIndex('another_purpose', 'ana@example.org')).not.toBe(mine);
    } finally {
      await other.close();
    }
  });

  it('refuses an empty user id', async () => {
    await expect(vault.seal(' ', 'x')).rejects.toMatchObject({ code: 'invalid_user_id', field: 'userId' });
  });
});
