import { until } from '@glint/testing';
import { lines, runCliHere } from '@glint/testing/cli';
import { awayFromStepBoundary, headPosition, identityEventsSince, totpCode, usePlatform } from '@glint/testing/platform';

/** With no MAIL_URL, as on a developer's machine: the platform's mail goes to the development mailbox. */
describe('e-mail addresses of accounts, deleting an account, and the development mailbox', () => {
  const glint = usePlatform();

  const register = (username: string, email: string) => glint.api.post('/api/accounts', { username, email, password: 'correct horse battery' });
  const mailList = () => runCliHere(['mail', 'list'], { DATABASE_URL: glint.platform.databaseUrl });
  const mailboxLinesTo = async (address: string) => lines((await mailList()).stdout).filter((line) => line.split(/\s{2,}/)[1] === address);

  it('refuses an address another account uses, whatever its case (409 email_taken), recording no account', async () => {
    await glint.given.user({ username: 'Addr_Ana', email: 'Ana.Addr@Glint.test' });
    const before = await headPosition(glint.platform);

    for (const email of ['ana.addr@glint.test', 'ANA.ADDR@GLINT.TEST', '  ana.ADDR@glint.test']) {
      const taken = await register('Addr_Other', email.trim());
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ error: 'email_taken', field: 'email' });
    }
    const recorded = await identityEventsSince(glint.platform, before);
    expect(recorded.filter((event) => ['UserRegistered', 'EmailAddressClaimed'].includes(event.type))).toEqual([]);
    expect((await glint.api.post('/api/sessions', { username: 'Addr_Other', password: 'correct horse battery' })).status).toBe(401);
  });

  it('lets one of two simultaneous registrations of an address win', async () => {
    const answers = await Promise.all(['race_one', 'race_two', 'race_three'].map((username, index) => register(username, index === 1 ? 'Race@Glint.test' : 'race@glint.test')));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    expect(answers.filter((answer) => answer.status === 409).map((answer) => answer.body.error)).toEqual(['email_taken', 'email_taken']);
  });

  it("gives a deleted account's address back: a new account may use it, in any case", async () => {
    const ben = await glint.given.user({ username: 'Addr_Ben', email: 'ben.addr@glint.test' });
    expect((await glint.api.delete('/api/users/me', ben.token, { password: ben.password })).status).toBe(204);

    const again = await register('Addr_Ben_Again', 'BEN.addr@glint.test');
    expect(again.status).toBe(201);
    const session = await glint.api.post('/api/sessions', { username: 'Addr_Ben_Again', password: 'correct horse battery' });
    expect((await glint.api.get('/api/users/me', session.body.token)).body).toMatchObject({ userId: again.body.userId, email: 'BEN.addr@glint.test' });

    const taken = await register('Addr_Ben_Third', 'ben.addr@glint.test');
    expect(taken.status).toBe(409);
    expect(taken.body.error).toBe('email_taken');
  });

  it('deletes an account with two-factor sign-in only with a current code', async () => {
    const cara = await glint.given.user();
    const { secret } = (await glint.api.post('/api/users/me/two-factor', undefined, cara.token)).body as { secret: string };
    await awayFromStepBoundary();
    expect((await glint.api.post('/api/users/me/two-factor/confirmation', { code: totpCode(secret, -1) }, cara.token)).status).toBe(204);
    const before = await headPosition(glint.platform);

    const withoutCode = await glint.api.delete('/api/users/me', cara.token, { password: cara.password });
    expect(withoutCode.status).toBe(400);
    expect(withoutCode.body).toMatchObject({ error: 'two_factor_code_required', field: 'code' });
    const wrongCode = await glint.api.delete('/api/users/me', cara.token, { password: cara.password, code: totpCode(secret, 5) });
    expect(wrongCode.status).toBe(400);
    expect(wrongCode.body).toMatchObject({ error: 'invalid_two_factor_code', field: 'code' });
    const usedCode = await glint.api.delete('/api/users/me', cara.token, { password: cara.password, code: totpCode(secret, -1) });
    expect(usedCode.status).toBe(400);
    expect(usedCode.body).toMatchObject({ error: 'invalid_two_factor_code', field: 'code' });
    const wrongPassword = await glint.api.delete('/api/users/me', cara.token, { password: 'not my password', code: totpCode(secret) });
    expect(wrongPassword.status).toBe(403);
    expect(await identityEventsSince(glint.platform, before)).toEqual([]);
    expect((await glint.api.get('/api/users/me', cara.token)).status).toBe(200);

    expect((await glint.api.delete('/api/users/me', cara.token, { password: cara.password, code: totpCode(secret) })).status).toBe(204);
    expect((await glint.api.get('/api/users/me', cara.token)).status).toBe(401);
    expect((await identityEventsSince(glint.platform, before)).map((event) => event.type)).toContain('AccountDeleted');
  });

  it("erases the development mailbox's mails of a deleted account with it, and keeps everyone else's", async () => {
    const dee = await glint.given.user({ email: 'dee.mailbox@glint.test' });
    const eli = await glint.given.user({ email: 'eli.mailbox@glint.test' });
    for (const person of [dee, eli]) await until(`the mails to ${person.email} in the mailbox`, async () => (await mailboxLinesTo(person.email)).length > 0);

    expect((await glint.api.delete('/api/users/me', dee.token, { password: dee.password })).status).toBe(204);

    expect(await mailboxLinesTo(dee.email)).toEqual([]);
    expect((await mailList()).stdout).not.toContain('dee.mailbox');
    expect((await mailboxLinesTo(eli.email)).length).toBeGreaterThan(0);
  });
});
