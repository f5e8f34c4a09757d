import { SESSION_TOKEN_PREFIX } from '@glint/access';

import { awayFromStepBoundary, headPosition, identityEventsSince, totpCode, usePlatform } from '@glint/testing/platform';

describe('signing in and out, passwords and two-factor sign-in', () => {
  const glint = usePlatform();

  const signIn = (username: string, password: string, totpCode?: string) => glint.api.post('/api/sessions', { username, password, ...(totpCode ? { totpCode } : {}) });

  it('starts a 30-day session whose opaque token works on the very next request; only its hash is stored', async () => {
    const ana = await glint.given.user({ ageHours: 30 });
    const session = await signIn(ana.username.toUpperCase(), ana.password);
    expect(session.status).toBe(201);
    expect(session.body).toEqual({ token: expect.stringMatching(/^gls_[A-Za-z0-9_-]{43}$/), sessionId: expect.any(String), userId: ana.userId, expiresAt: expect.any(String) });
    expect(Date.parse(session.body.expiresAt) - Date.now()).toBeGreaterThan(29.9 * 24 * 3600 * 1000);

    const me = await glint.api.get('/api/users/me', session.body.token);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      userId: ana.userId,
      username: ana.username,
      email: ana.email,
      emailConfirmed: true,
      createdAt: expect.any(String),
      staffRole: null,
      twoFactorEnabled: false,
      streamingSuspended: false,
    });
    expect(Math.abs(Date.now() - 30 * 3600 * 1000 - Date.parse(me.body.createdAt))).toBeLessThan(60_000);

    const loggedIn = (await identityEventsSince(glint.platform, 0)).filter((event) => event.type === 'UserLoggedIn' && (event.data as { sessionId: string }).sessionId === session.body.sessionId);
    expect(JSON.stringify(loggedIn)).not.toContain(session.body.token.slice(SESSION_TOKEN_PREFIX.length));
  });

  it('answers a wrong password and an unknown username alike, recording nothing', async () => {
    const ben = await glint.given.user();
    const before = await headPosition(glint.platform);
    const wrongPassword = await signIn(ben.username, 'not the password');
    const nobody = await signIn('nobody_at_all', ben.password);
    for (const refused of [wrongPassword, nobody]) {
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ error: 'invalid_credentials', detail: 'The username or the password is wrong.' });
    }
    expect(await identityEventsSince(glint.platform, before)).toEqual([]);
  });

  it.each([
    ['no username', { password: 'whatever1' }, 'username'],
    ['no password', { username: 'someone' }, 'password'],
    ['a code that is not 6 digits', { username: 'someone', password: 'whatever1', totpCode: '12345' }, 'totpCode'],
    ['a field Glint does not know', { username: 'someone', password: 'whatever1', remember: true }, 'remember'],
  ])('refuses a sign-in with %s (400, naming the field)', async (_, body, field) => {
    const refused = await glint.api.post('/api/sessions', body);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toContainEqual(expect.objectContaining({ field }));
  });

  it('ends the session on sign-out: its token is refused on the next request, the others keep working', async () => {
    const cara = await glint.given.user();
    const other = (await signIn(cara.username, cara.password)).body.token;

    expect((await glint.api.delete('/api/sessions/current', cara.token)).status).toBe(204);
    const after = await glint.api.get('/api/users/me', cara.token);
    expect(after.status).toBe(401);
    expect(after.body.error).toBe('invalid_token');
    expect((await glint.api.get('/api/users/me', other)).status).toBe(200);
  });

  it('asks for a session where one is needed, and refuses a token it does not know', async () => {
    expect((await glint.api.get('/api/users/me')).status).toBe(401);
    expect((await glint.api.get('/api/users/me')).body.error).toBe('sign_in_required');
    expect((await glint.api.delete('/api/sessions/current')).status).toBe(401);
    expect((await glint.api.get('/api/users/me', `${SESSION_TOKEN_PREFIX}${'x'.repeat(43)}`)).body.error).toBe('invalid_token');
  });

  it('changes the password: the other sessions end, this one stays, only the new password signs in', async () => {
    const dan = await glint.given.user();
    const other = (await signIn(dan.username, dan.password)).body.token;

    const changed = await glint.api.put('/api/users/me/password', { currentPassword: dan.password, newPassword: 'a brand new secret' }, dan.token);
    expect(changed.status).toBe(204);
    expect((await glint.api.get('/api/users/me', dan.token)).status).toBe(200);
    expect((await glint.api.get('/api/users/me', other)).status).toBe(401);
    expect((await signIn(dan.username, dan.password)).status).toBe(401);
    expect((await signIn(dan.username, 'a brand new secret')).status).toBe(201);
  });

  it('refuses a password change without the right current password (403) or with a short new one (400), recording nothing', async () => {
    const eve = await glint.given.user();
    const before = await headPosition(glint.platform);
    const wrong = await glint.api.put('/api/users/me/password', { currentPassword: 'not it at all', newPassword: 'a brand new secret' }, eve.token);
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ error: 'wrong_password', field: 'currentPassword' });
    const short = await glint.api.put('/api/users/me/password', { currentPassword: eve.password, newPassword: 'short' }, eve.token);
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ error: 'invalid_input', field: 'newPassword' });
    expect((await glint.api.put('/api/users/me/password', { currentPassword: eve.password, newPassword: 'a brand new secret' })).status).toBe(401);
    expect(await identityEventsSince(glint.platform, before)).toEqual([]);
  });

  it('turns two-factor sign-in on with a confirmed code, asks for a fresh code at every sign-in, and turns it off', async () => {
    const fay = await glint.given.user();
    const setup = await glint.api.post('/api/users/me/two-factor', undefined, fay.token);
    expect(setup.status).toBe(201);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.otpauthUri).toBe(`otpauth://totp/Glint%3A${fay.username}?secret=${setup.body.secret}&issuer=Glint&algorithm=SHA1&digits=6&period=30`);
    const { secret } = setup.body;
    const stored = (await identityEventsSince(glint.platform, 0)).find((event) => event.type === 'TwoFactorSetupStarted' && (event.data as { userId: string }).userId === fay.userId);
    expect(JSON.stringify(stored)).not.toContain(secret);

    // Not on until a code is confirmed: signing in needs none yet.
    expect((await signIn(fay.username, fay.password)).status).toBe(201);
    expect((await glint.api.get('/api/users/me', fay.token)).body.twoFactorEnabled).toBe(false);

    await awayFromStepBoundary();
    const wrongCode = await glint.api.post('/api/users/me/two-factor/confirmation', { code: totpCode(secret, 5) }, fay.token);
    expect(wrongCode.status).toBe(400);
    expect(wrongCode.body).toMatchObject({ error: 'invalid_two_factor_code', field: 'code' });
    expect((await glint.api.post('/api/users/me/two-factor/confirmation', { code: totpCode(secret, -1) }, fay.token)).status).toBe(204);
    expect((await glint.api.get('/api/users/me', fay.token)).body.twoFactorEnabled).toBe(true);

    const noCode = await signIn(fay.username, fay.password);
    expect(noCode.status).toBe(401);
    expect(noCode.body).toMatchObject({ error: 'two_factor_required', field: 'totpCode' });
    const replayed = await signIn(fay.username, fay.password, totpCode(secret, -1));
    expect(replayed.status).toBe(401);
    expect(replayed.body).toMatchObject({ error: 'invalid_two_factor_code', field: 'totpCode' });
    expect((await signIn(fay.username, 'wrong password', totpCode(secret))).body.error).toBe('invalid_credentials');
    expect((await signIn(fay.username, fay.password, totpCode(secret))).status).toBe(201);
    expect((await signIn(fay.username, fay.password, totpCode(secret))).body.error).toBe('invalid_two_factor_code');

    const again = await glint.api.post('/api/users/me/two-factor', undefined, fay.token);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('two_factor_already_enabled');

    expect((await glint.api.delete('/api/users/me/two-factor', fay.token, { code: totpCode(secret) })).status).toBe(400);
    expect((await glint.api.delete('/api/users/me/two-factor', fay.token, { code: totpCode(secret, 1) })).status).toBe(204);
    expect((await signIn(fay.username, fay.password)).status).toBe(201);
    const off = await glint.api.delete('/api/users/me/two-factor', fay.token, { code: totpCode(secret, 1) });
    expect(off.status).toBe(409);
    expect(off.body.error).toBe('two_factor_not_enabled');
  });

  it('refuses a two-factor confirmation before any setup (409) and a code that is not 6 digits (400)', async () => {
    const gus = await glint.given.user();
    const before = await headPosition(glint.platform);
    const notStarted = await glint.api.post('/api/users/me/two-factor/confirmation', { code: '123456' }, gus.token);
    expect(notStarted.status).toBe(409);
    expect(notStarted.body.error).toBe('two_factor_setup_not_started');
    const malformed = await glint.api.post('/api/users/me/two-factor/confirmation', { code: '12ab56' }, gus.token);
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: 'invalid_input', field: 'code' });
    expect((await glint.api.post('/api/users/me/two-factor')).status).toBe(401);
    expect(await identityEventsSince(glint.platform, before)).toEqual([]);
  });
});
