import { CommandBus } from '@nestjs/cqrs';
import { commandContext, systemActor } from '@glint/event-sourcing';
import { RequestPasswordResetCommand } from '@glint/identity';
import { headPosition, identityEventsSince, service, usePlatform } from '@glint/testing/platform';

describe('resetting a forgotten password through the link in the mail', () => {
  const glint = usePlatform({ mail: true });

  const signIn = (username: string, password: string) => glint.api.post('/api/sessions', { username, password });
  const askForReset = (email: string) => glint.api.post('/api/accounts/password-reset', { email });
  const reset = (token: string, newPassword: string) => glint.api.post('/api/accounts/password-reset/confirm', { token, newPassword });
  const tokenOfLink = (link: string | null) => new URL(link ?? 'http://missing.link/').searchParams.get('token') ?? '';

  it('mails a link whose token sets a new password once: every session ends and only the new password signs in', async () => {
    const ana = await glint.given.user();
    const otherSession = await signIn(ana.username, ana.password);
    expect(otherSession.status).toBe(201);

    const asked = await askForReset(ana.email.toUpperCase());
    expect(asked.status).toBe(202);
    const mail = await glint.mail.next(ana.email, (m) => m.subject === 'Set a new password for Glint');
    const token = tokenOfLink(mail.link);
    expect(token).toBe(await glint.given.latestPasswordResetToken(ana.userId));

    expect((await reset(token, 'a brand new secret')).status).toBe(204);
    for (const session of [ana.token, otherSession.body.token as string]) expect((await glint.api.get('/api/users/me', session)).status).toBe(401);
    expect((await signIn(ana.username, ana.password)).body).toMatchObject({ error: 'invalid_credentials' });
    expect((await signIn(ana.username, 'a brand new secret')).status).toBe(201);

    const before = await headPosition(glint.platform);
    const again = await reset(token, 'yet another secret');
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'password_reset_token_unknown', field: 'token' });
    expect((await signIn(ana.username, 'yet another secret')).status).toBe(401);
    expect(await identityEventsSince(glint.platform, before)).toEqual([]);
  });

  it('refuses a link past its hour (400), recording nothing and leaving the password as it was', async () => {
    const ben = await glint.given.user();
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
    await service(glint.platform, CommandBus).execute(new RequestPasswordResetCommand(ben.email, commandContext(systemActor('test-given'), { now: twoHoursAgo })));
    const token = await glint.given.latestPasswordResetToken(ben.userId);
    const before = await headPosition(glint.platform);

    const expired = await reset(token, 'a brand new secret');
    expect(expired.status).toBe(400);
    expect(expired.body).toMatchObject({ error: 'password_reset_token_expired', field: 'token' });
    expect(await identityEventsSince(glint.platform, before)).toEqual([]);
    expect((await glint.api.get('/api/users/me', ben.token)).status).toBe(200);
    expect((await signIn(ben.username, ben.password)).status).toBe(201);
  });

  it('answers an address no account uses exactly as one that does, and records and sends nothing for it', async () => {
    const cara = await glint.given.user();
    const before = await headPosition(glint.platform);

    const unknown = await askForReset('nobody.here@glint.test');
    const known = await askForReset(cara.email);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);

    const recorded = await identityEventsSince(glint.platform, before);
    expect(recorded.map((event) => event.type)).toEqual(['PasswordResetRequested']);
    expect((recorded[0].data as { userId: string }).userId).toBe(cara.userId);
    // The outbox delivers in the order the log holds: once Cara's mail (asked after) is here, a mail to nobody would be too.
    await glint.mail.next(cara.email, (m) => m.subject === 'Set a new password for Glint');
    expect(glint.mail.to('nobody.here@glint.test')).toEqual([]);
  });

  it('refuses a token it never made (400) and a new password that breaks the rules (400), recording nothing', async () => {
    const dan = await glint.given.user();
    await askForReset(dan.email);
    const token = await glint.given.latestPasswordResetToken(dan.userId);
    const before = await headPosition(glint.platform);

    const unknown = await reset('not-a-token', 'a brand new secret');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'password_reset_token_unknown', field: 'token' });
    const short = await reset(token, 'short');
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ error: 'invalid_input', field: 'newPassword' });
    expect(await identityEventsSince(glint.platform, before)).toEqual([]);
    expect((await reset(token, 'a brand new secret')).status).toBe(204);
  });
});
