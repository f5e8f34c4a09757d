import { findAccountByUsername } from '@glint/identity';

import { type GivenUser, headPosition, identityEventsSince, readModels, usePlatform } from '@glint/testing/platform';

describe('staff: global bans, streaming suspensions and staff roles', () => {
  const glint = usePlatform();
  let support: GivenUser;
  let analyst: GivenUser;
  let admin: GivenUser;

  beforeAll(async () => {
    [support, analyst, admin] = await Promise.all([glint.given.user({ staffRole: 'support' }), glint.given.user({ staffRole: 'analyst' }), glint.given.user({ staffRole: 'admin' })]);
  });

  const facts = (username: string) => findAccountByUsername(readModels(glint.platform), username);
  const ban = (userId: string, token?: string, body: unknown = { reason: 'Spam links in every chat' }) => glint.api.request('POST', `/api/staff/users/${userId}/global-ban`, { token, body });

  it('bans a user from Glint: every session ends at once, and signing in says why', async () => {
    const spammer = await glint.given.user();
    const second = (await glint.api.post('/api/sessions', { username: spammer.username, password: spammer.password })).body.token;

    expect((await ban(spammer.userId, support.token)).status).toBe(204);
    for (const token of [spammer.token, second]) expect((await glint.api.get('/api/users/me', token)).status).toBe(401);
    const signIn = await glint.api.post('/api/sessions', { username: spammer.username, password: spammer.password });
    expect(signIn.status).toBe(403);
    expect(signIn.body).toMatchObject({ error: 'globally_banned', detail: 'This account is banned from Glint: Spam links in every chat' });
    expect(await facts(spammer.username)).toMatchObject({ globallyBanned: true });

    const ended = (await identityEventsSince(glint.platform, 0)).filter((event) => event.streamName === `user-${spammer.userId}` && event.type === 'UserLoggedOut');
    expect(ended.map((event) => (event.data as { reason: string }).reason)).toEqual(['global_ban', 'global_ban']);
    expect(ended[0].metadata.actor).toEqual({ type: 'user', userId: support.userId, role: 'support' });

    const twice = await ban(spammer.userId, admin.token);
    expect(twice.status).toBe(409);
    expect(twice.body.error).toBe('already_globally_banned');
  });

  it('lifts a ban: the user signs in again; lifting one that is not there is a 409', async () => {
    const ben = await glint.given.user();
    expect((await ban(ben.userId, admin.token)).status).toBe(204);
    expect((await glint.api.delete(`/api/staff/users/${ben.userId}/global-ban`, support.token)).status).toBe(204);
    expect((await glint.api.post('/api/sessions', { username: ben.username, password: ben.password })).status).toBe(201);
    const notBanned = await glint.api.delete(`/api/staff/users/${ben.userId}/global-ban`, support.token);
    expect(notBanned.status).toBe(409);
    expect(notBanned.body.error).toBe('not_globally_banned');
  });

  it('lets only support and admins ban, recording nothing for the others', async () => {
    const cara = await glint.given.user();
    const before = await headPosition(glint.platform);
    const byAnalyst = await ban(cara.userId, analyst.token);
    expect(byAnalyst.status).toBe(403);
    expect(byAnalyst.body.error).toBe('staff_only');
    expect((await ban(cara.userId, cara.token)).status).toBe(403);
    expect((await ban(cara.userId)).status).toBe(401);
    expect(await identityEventsSince(glint.platform, before)).toEqual([]);
  });

  it.each([
    ['no reason', {}, 'reason'],
    ['an empty reason', { reason: '' }, 'reason'],
    ['a reason over 500 characters', { reason: 'x'.repeat(501) }, 'reason'],
    ['a field Glint does not know', { reason: 'Spam', days: 3 }, 'days'],
  ])('refuses a ban with %s (400, naming the field), recording nothing', async (_, body, field) => {
    const dan = await glint.given.user();
    const before = await headPosition(glint.platform);
    const refused = await ban(dan.userId, support.token, body);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toContainEqual(expect.objectContaining({ field }));
    expect(await identityEventsSince(glint.platform, before)).toEqual([]);
  });

  it('refuses a ban of someone unknown (404), of a user id that is none (400), of staff and of oneself (403)', async () => {
    const unknown = await ban('7b0c5c86-7f62-4a8e-9c55-1d5a4f1c9d00', support.token);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('user_not_found');
    const malformed = await ban('not-a-uuid', support.token);
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: 'invalid_input', field: 'userId' });
    expect((await ban(analyst.userId, support.token)).body.error).toBe('cannot_ban_staff');
    expect((await ban(support.userId, support.token)).body.error).toBe('cannot_ban_yourself');
  });

  it('suspends a user from streaming and reinstates them', async () => {
    const eve = await glint.given.user();
    const path = `/api/staff/users/${eve.userId}/streaming-suspension`;
    expect((await glint.api.post(path, { reason: 'Restreamed a film' }, analyst.token)).status).toBe(403);
    expect((await glint.api.post(path, {}, support.token)).status).toBe(400);
    expect((await glint.api.post(path, { reason: 'Restreamed a film' }, support.token)).status).toBe(204);
    expect(await facts(eve.username)).toMatchObject({ streamingSuspended: true });
    expect((await glint.api.get('/api/users/me', eve.token)).body.streamingSuspended).toBe(true);
    expect((await glint.api.post(path, { reason: 'Again' }, admin.token)).body.error).toBe('already_suspended_from_streaming');

    expect((await glint.api.delete(path, admin.token)).status).toBe(204);
    expect(await facts(eve.username)).toMatchObject({ streamingSuspended: false });
    expect((await glint.api.delete(path, admin.token)).body.error).toBe('not_suspended_from_streaming');
  });

  it('lets only admins give and take staff roles, the role counting from the next request', async () => {
    const fay = await glint.given.user();
    const path = `/api/staff/users/${fay.userId}/staff-role`;
    expect((await glint.api.put(path, { role: 'support' }, support.token)).status).toBe(403);
    const unknownRole = await glint.api.put(path, { role: 'owner' }, admin.token);
    expect(unknownRole.status).toBe(400);
    expect(unknownRole.body).toMatchObject({ error: 'invalid_input', field: 'role' });

    expect((await glint.api.put(path, { role: 'support' }, admin.token)).status).toBe(204);
    expect((await glint.api.get('/api/users/me', fay.token)).body.staffRole).toBe('support');
    expect((await ban(fay.userId, support.token)).body.error).toBe('cannot_ban_staff');

    const before = await headPosition(glint.platform);
    expect((await glint.api.put(path, { role: 'support' }, admin.token)).status).toBe(204);
    expect(await identityEventsSince(glint.platform, before)).toEqual([]);

    expect((await glint.api.delete(path, support.token)).status).toBe(403);
    expect((await glint.api.delete(path, admin.token)).status).toBe(204);
    expect((await glint.api.get('/api/users/me', fay.token)).body.staffRole).toBeNull();
    expect((await glint.api.delete(path, admin.token)).body.error).toBe('not_staff');

    const own = await glint.api.delete(`/api/staff/users/${admin.userId}/staff-role`, admin.token);
    expect(own.status).toBe(403);
    expect(own.body.error).toBe('cannot_change_own_staff_role');
  });
});
