import { Client } from 'pg';
import type { PersonalDataVault } from '@glint/personal-data';
import { PERSONAL_DATA } from '@glint/runtime';
import { ApiClient } from '@glint/testing';
import { Given, startPlatformUnderTest, type PlatformUnderTest, headPosition, identityEventsSince } from '@glint/testing/platform';

describe('deleting an account', () => {
  let platform: PlatformUnderTest;
  let api: ApiClient;
  let given: Given;
  let sql: Client;

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    api = new ApiClient(platform.baseUrl);
    given = new Given(platform);
    sql = new Client({ connectionString: platform.databaseUrl });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await platform?.close();
  });

  const vault = () => platform.app.get<PersonalDataVault>(PERSONAL_DATA, { strict: false });

  it('refuses without the right password (403) or without a password (400), recording nothing', async () => {
    const ana = await given.user();
    const before = await headPosition(platform);
    const wrong = await api.delete('/api/users/me', ana.token, { password: 'not my password' });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ error: 'wrong_password', field: 'password' });
    const missing = await api.delete('/api/users/me', ana.token, {});
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: 'invalid_input', field: 'password' });
    expect((await api.delete('/api/users/me', undefined, { password: ana.password })).status).toBe(401);
    expect(await identityEventsSince(platform, before)).toEqual([]);
    expect((await api.get('/api/users/me', ana.token)).status).toBe(200);
  });

  it('ends every session, erases the personal data everywhere, and keeps the facts and counts', async () => {
    const ben = await given.user({ username: 'Ben_Leaving' });
    const other = (await api.post('/api/sessions', { username: ben.username, password: ben.password })).body.token;
    const accountsBefore = Number((await sql.query('SELECT count(*) FROM accounts')).rows[0].count);
    const streamBefore = (await identityEventsSince(platform, 0)).filter((event) => event.streamName === `user-${ben.userId}`);

    expect((await api.delete('/api/users/me', ben.token, { password: ben.password })).status).toBe(204);

    // Signed out everywhere, and nobody can sign in as Ben again.
    for (const token of [ben.token, other]) expect((await api.get('/api/users/me', token)).status).toBe(401);
    expect((await api.post('/api/sessions', { username: ben.username, password: ben.password })).body.error).toBe('invalid_credentials');

    // The facts stay, the log is not rewritten, and the last ones say what happened.
    const stream = (await identityEventsSince(platform, 0)).filter((event) => event.streamName === `user-${ben.userId}`);
    expect(stream.slice(0, streamBefore.length)).toEqual(streamBefore);
    expect(stream.slice(streamBefore.length).map((event) => [event.type, (event.data as { reason?: string }).reason])).toEqual([
      ['UserLoggedOut', 'account_deleted'],
      ['UserLoggedOut', 'account_deleted'],
      ['AccountDeleted', undefined],
    ]);

    // Every sealed value in the log, the e-mail address among them, no longer opens.
    const registered = stream.find((event) => event.type === 'UserRegistered')!.data as { emailSealed: string; passwordHashSealed: string };
    const asked = stream.find((event) => event.type === 'EmailConfirmationRequested')!.data as { tokenSealed: string };
    expect(await vault().openMany([registered.emailSealed, registered.passwordHashSealed, asked.tokenSealed])).toEqual([null, null, null]);

    // The read model keeps the row, counted as before, marked deleted, its e-mail address unreadable.
    const [row] = (await sql.query('SELECT * FROM accounts WHERE user_id = $1', [ben.userId])).rows;
    expect(row).toMatchObject({ username: 'Ben_Leaving', deleted_at: expect.any(Date) });
    expect(await vault().open(row.email_sealed)).toBeNull();
    expect(Number((await sql.query('SELECT count(*) FROM accounts')).rows[0].count)).toBe(accountsBefore);
    expect((await sql.query('SELECT count(*) FROM account_history WHERE user_id = $1', [ben.userId])).rows[0].count).not.toBe('0');

    // Public reads show the account as deleted; the username stays taken.
    const profile = await api.get('/api/users/ben_leaving');
    expect(profile.body).toEqual({ userId: ben.userId, username: 'Ben_Leaving', createdAt: expect.any(String), deleted: true });
    const reuse = await api.post('/api/accounts', { username: 'Ben_Leaving', email: 'someone@glint.test', password: 'correct horse battery' });
    expect(reuse.status).toBe(409);
    expect(reuse.body.error).toBe('username_taken');
  });
});
