import { Client } from 'pg';
import { until } from '@glint/testing';
import { headPosition, identityEventsSince, usePlatform } from '@glint/testing/platform';

describe('registering and confirming an e-mail address', () => {
  const glint = usePlatform();

  const registration = (username: string) => ({ username, email: `${username.toLowerCase()}@glint.test`, password: 'correct horse battery' });

  it('registers an account that can sign in at once, its e-mail address not yet confirmed', async () => {
    const registered = await glint.api.post('/api/accounts', registration('Reg_Ana'));
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({ userId: expect.stringMatching(/^[0-9a-f-]{36}$/), username: 'Reg_Ana' });

    const session = await glint.api.post('/api/sessions', { username: 'reg_ana', password: 'correct horse battery' });
    expect(session.status).toBe(201);
    const me = await glint.api.get('/api/users/me', session.body.token);
    expect(me.body).toMatchObject({ userId: registered.body.userId, username: 'Reg_Ana', email: 'reg_ana@glint.test', emailConfirmed: false });

    const stored = await identityEventsSince(glint.platform, 0);
    const ofAna = stored.filter((event) => event.streamName === `user-${registered.body.userId}` || event.streamName === 'username-reg_ana');
    expect(ofAna.map((event) => event.type)).toEqual(['UsernameClaimed', 'UserRegistered', 'EmailConfirmationRequested', 'UserLoggedIn']);
    // Personal values are sealed in the log; the password is there only as a sealed hash.
    const text = JSON.stringify(ofAna.map((event) => event.data));
    expect(text).not.toContain('reg_ana@glint.test');
    expect(text).not.toContain('correct horse battery');
    expect(ofAna[1].data).toMatchObject({ emailSealed: expect.stringMatching(/^pd1\./), passwordHashSealed: expect.stringMatching(/^pd1\./) });
  });

  it('refuses a username taken in any case, and a reserved one, recording nothing', async () => {
    await glint.given.user({ username: 'Taken_Name' });
    const before = await headPosition(glint.platform);

    const taken = await glint.api.post('/api/accounts', registration('TAKEN_name'));
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ error: 'username_taken', field: 'username' });

    const reserved = await glint.api.post('/api/accounts', registration('Admin'));
    expect(reserved.status).toBe(400);
    expect(reserved.body).toMatchObject({ error: 'username_reserved', field: 'username' });
    expect(await identityEventsSince(glint.platform, before)).toEqual([]);
  });

  it('lets exactly one of two simultaneous registrations of a name win', async () => {
    const answers = await Promise.all(['Race_Name', 'race_NAME', 'RACE_name'].map((username) => glint.api.post('/api/accounts', registration(username))));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    const claims = (await identityEventsSince(glint.platform, 0)).filter((event) => event.streamName === 'username-race_name');
    expect(claims).toHaveLength(1);
  });

  it.each([
    ['a short username', { ...registration('ok_name'), username: 'ab' }, 'username', 'matches'],
    ['a username with a dash', { ...registration('ok_name'), username: 'ana-b' }, 'username', 'matches'],
    ['a username of 26 characters', { ...registration('ok_name'), username: 'a'.repeat(26) }, 'username', 'matches'],
    ['an e-mail address that is none', { ...registration('ok_name'), email: 'not an address' }, 'email', 'isEmail'],
    ['an e-mail address over 254 characters', { ...registration('ok_name'), email: `${'a'.repeat(64)}@${'b'.repeat(190)}.test` }, 'email', 'maxLength'],
    ['a password of 7 characters', { ...registration('ok_name'), password: '1234567' }, 'password', 'isLength'],
    ['a password of 129 characters', { ...registration('ok_name'), password: 'p'.repeat(129) }, 'password', 'isLength'],
    ['a missing password', { username: 'ok_name', email: 'ok@glint.test' }, 'password', 'isString'],
    ['a field Glint does not know', { ...registration('ok_name'), role: 'admin' }, 'role', 'whitelistValidation'],
  ])('refuses %s with a 400 naming the field and the rule, recording nothing', async (_, body, field, rule) => {
    const before = await headPosition(glint.platform);
    const refused = await glint.api.post('/api/accounts', body);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'invalid_input' });
    expect(refused.body.errors).toContainEqual(expect.objectContaining({ field, rule }));
    expect(await identityEventsSince(glint.platform, before)).toEqual([]);
  });

  it('confirms the address with the token from the mail, and again changes nothing', async () => {
    const ben = await glint.given.user({ confirmed: false });
    const token = await glint.given.latestConfirmationToken(ben.userId);

    const confirmed = await glint.api.post('/api/accounts/email-confirmation', { token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ userId: ben.userId, emailConfirmed: true });
    expect((await glint.api.get('/api/users/me', ben.token)).body.emailConfirmed).toBe(true);

    const before = await headPosition(glint.platform);
    const again = await glint.api.post('/api/accounts/email-confirmation', { token });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ userId: ben.userId, emailConfirmed: true });
    expect(await identityEventsSince(glint.platform, before)).toEqual([]);
  });

  it('refuses an unknown token (404) and an expired one (400), recording nothing', async () => {
    const old = await glint.given.user({ confirmed: false, ageHours: 48 });
    const expiredToken = await glint.given.latestConfirmationToken(old.userId);
    const before = await headPosition(glint.platform);

    const unknown = await glint.api.post('/api/accounts/email-confirmation', { token: 'no-such-token' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'confirmation_token_unknown', field: 'token' });

    const expired = await glint.api.post('/api/accounts/email-confirmation', { token: expiredToken });
    expect(expired.status).toBe(400);
    expect(expired.body).toMatchObject({ error: 'confirmation_token_expired', field: 'token' });

    const empty = await glint.api.post('/api/accounts/email-confirmation', { token: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ error: 'invalid_input', field: 'token' });
    expect(await identityEventsSince(glint.platform, before)).toEqual([]);
  });

  it('sends a new confirmation mail to a signed-in user, at most one a minute', async () => {
    const anonymous = await glint.api.post('/api/accounts/email-confirmation/resend');
    expect(anonymous.status).toBe(401);

    const old = await glint.given.user({ confirmed: false, ageHours: 48 });
    const resent = await glint.api.post('/api/accounts/email-confirmation/resend', undefined, old.token);
    expect(resent.status).toBe(202);
    expect(Date.parse(resent.body.linkExpiresAt) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);

    const tooSoon = await glint.api.post('/api/accounts/email-confirmation/resend', undefined, old.token);
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.error).toBe('confirmation_recently_requested');

    expect((await glint.api.post('/api/accounts/email-confirmation', { token: await glint.given.latestConfirmationToken(old.userId) })).status).toBe(200);
    const confirmedAlready = await glint.api.post('/api/accounts/email-confirmation/resend', undefined, old.token);
    expect(confirmedAlready.status).toBe(409);
    expect(confirmedAlready.body.error).toBe('email_already_confirmed');
  });

  it('delivers the confirmation mail through the outbox worker of the running platform', async () => {
    const cara = await glint.given.user({ confirmed: false });
    const [asked] = (await identityEventsSince(glint.platform, 0)).filter((event) => event.streamName === `user-${cara.userId}` && event.type === 'EmailConfirmationRequested');
    const sql = new Client({ connectionString: glint.platform.databaseUrl });
    await sql.connect();
    try {
      const outcome = await until('the confirmation mail to be delivered', async () => (await sql.query('SELECT outcome FROM mail_deliveries WHERE event_id = $1', [asked.id])).rows[0]?.outcome);
      expect(outcome).toBe('sent');
    } finally {
      await sql.end();
    }
  });

  it('shows anyone a public profile by username in any case, and 404 for nobody', async () => {
    const dan = await glint.given.user({ username: 'Dan_Public', ageHours: 5 });
    const profile = await glint.api.get('/api/users/DAN_PUBLIC');
    expect(profile.status).toBe(200);
    expect(profile.body).toEqual({ userId: dan.userId, username: 'Dan_Public', createdAt: expect.any(String), deleted: false });
    expect(Math.abs(Date.now() - 5 * 3600 * 1000 - Date.parse(profile.body.createdAt))).toBeLessThan(60_000);

    const nobody = await glint.api.get('/api/users/nobody_here');
    expect(nobody.status).toBe(404);
    expect(nobody.body.error).toBe('user_not_found');
  });

  it('documents every identity route in the OpenAPI document', async () => {
    const { paths } = (await glint.api.get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/accounts',
        'POST /api/accounts/email-confirmation',
        'POST /api/accounts/email-confirmation/resend',
        'POST /api/accounts/password-reset',
        'POST /api/accounts/password-reset/confirm',
        'POST /api/sessions',
        'DELETE /api/sessions/current',
        'GET /api/users/me',
        'DELETE /api/users/me',
        'PUT /api/users/me/password',
        'POST /api/users/me/two-factor',
        'DELETE /api/users/me/two-factor',
        'POST /api/users/me/two-factor/confirmation',
        'GET /api/users/{username}',
        'POST /api/staff/users/{userId}/global-ban',
        'DELETE /api/staff/users/{userId}/global-ban',
        'POST /api/staff/users/{userId}/streaming-suspension',
        'DELETE /api/staff/users/{userId}/streaming-suspension',
        'PUT /api/staff/users/{userId}/staff-role',
        'DELETE /api/staff/users/{userId}/staff-role',
      ]),
    );
  });
});
