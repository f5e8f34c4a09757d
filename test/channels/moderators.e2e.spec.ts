import { readModeratorPermissions } from '@glint/channels';
import { ApiClient, expectStatus } from '@glint/testing';
import { Given, type GivenUser, startPlatformUnderTest, type PlatformUnderTest, headPosition, readModels } from '@glint/testing/platform';

const none = { timeout: false, unTimeout: false, ban: false, unban: false, deleteMessage: false, edit: false };
const timeouts = { ...none, timeout: true, unTimeout: true };

describe('channel moderators over HTTP', () => {
  let platform: PlatformUnderTest;
  let api: ApiClient;
  let ana: GivenUser;
  let ben: GivenUser;
  let cleo: GivenUser;
  let dee: GivenUser;
  let support: GivenUser;
  let admin: GivenUser;
  const moderators = (username = ana.username) => `/api/channels/${username}/moderators`;

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    api = new ApiClient(platform.baseUrl);
    const given = new Given(platform);
    [ana, ben, cleo, dee, support, admin] = await Promise.all([
      given.user(),
      given.user(),
      given.user(),
      given.user(),
      given.user({ staffRole: 'support' }),
      given.user({ staffRole: 'admin' }),
    ]);
    expectStatus(await api.post('/api/channels', undefined, ana.token), 201, 'creating a channel');
  });
  afterAll(() => platform?.close());

  it('lets the owner appoint a moderator, whose permissions count at once', async () => {
    const response = await api.put(`${moderators()}/${ben.username.toUpperCase()}`, { permissions: timeouts }, ana.token);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ userId: ben.userId, username: ben.username, permissions: timeouts, appointedAt: expect.any(String) });
    expect(await readModeratorPermissions(readModels(platform), ana.userId, ben.userId)).toEqual(timeouts);
  });

  it('replaces the permissions when asked again, and records nothing when they are the same', async () => {
    const changed = await api.put(`${moderators()}/${ben.username}`, { permissions: { ...none, ban: true, edit: true } }, ana.token);
    expect(changed.status).toBe(200);
    expect(changed.body.permissions).toEqual({ ...none, ban: true, edit: true });
    const before = await headPosition(platform);
    expect((await api.put(`${moderators()}/${ben.username}`, { permissions: { ...none, ban: true, edit: true } }, ana.token)).status).toBe(200);
    expect(await headPosition(platform)).toBe(before);
  });

  it('lets an admin appoint one too', async () => {
    expect((await api.put(`${moderators()}/${cleo.username}`, { permissions: { ...none, deleteMessage: true } }, admin.token)).status).toBe(200);
  });

  it.each([
    ['the owner', () => ana, 200],
    ['one of its moderators', () => cleo, 200],
    ['support staff', () => support, 200],
    ['an admin', () => admin, 200],
    ['another user', () => dee, 403],
  ])('shows the list to %s', async (_, who, status) => {
    const response = await api.get(moderators(), who().token);
    expect(response.status).toBe(status);
    if (status === 200) expect(response.body.items.map((moderator: { username: string }) => moderator.username)).toEqual([ben.username, cleo.username]);
    else expect(response.body.error).toBe('not_channel_moderator');
  });

  it('pages the list, longest-serving first, in the one page shape', async () => {
    const first = await api.get(`${moderators()}?limit=1`, ana.token);
    expect(first.body).toMatchObject({ items: [{ username: ben.username }], nextCursor: expect.any(String) });
    const second = await api.get(`${moderators()}?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`, ana.token);
    expect(second.body).toMatchObject({ items: [{ username: cleo.username }], nextCursor: null });
  });

  it.each([
    ['a cursor it never gave out', '?cursor=abc', 'invalid_cursor', 'cursor'],
    ['a page larger than 100', '?limit=101', 'invalid_input', 'limit'],
  ])('refuses %s', async (_, query, error, field) => {
    expect((await api.get(`${moderators()}${query}`, ana.token)).body).toMatchObject({ status: 400, error, field });
  });

  it('asks an anonymous caller to sign in', async () => {
    expect((await api.get(moderators())).status).toBe(401);
  });

  it.each([
    ['a moderator appointing another', () => ben, () => dee.username, { permissions: timeouts }, 403, 'not_channel_owner'],
    ['support staff appointing', () => support, () => dee.username, { permissions: timeouts }, 403, 'not_channel_owner'],
    ['the owner as their own moderator', () => ana, () => ana.username, { permissions: timeouts }, 400, 'owner_cannot_be_moderator'],
    ['no permission at all', () => ana, () => dee.username, { permissions: none }, 400, 'no_permission_granted'],
    ['an unknown user', () => ana, () => 'nobody_at_all', { permissions: timeouts }, 404, 'user_not_found'],
    ['a missing permission', () => ana, () => dee.username, { permissions: { timeout: true } }, 400, 'invalid_input'],
    ['a permission as text', () => ana, () => dee.username, { permissions: { ...timeouts, ban: 'yes' } }, 400, 'invalid_input'],
    ['permissions that are not an object', () => ana, () => dee.username, { permissions: 'all' }, 400, 'invalid_input'],
    ['an unknown permission', () => ana, () => dee.username, { permissions: { ...timeouts, superpowers: true } }, 400, 'invalid_input'],
    ['no body', () => ana, () => dee.username, undefined, 400, 'invalid_input'],
  ])('refuses %s, recording nothing', async (_, who, moderator, body, status, error) => {
    const before = await headPosition(platform);
    const response = await api.put(`${moderators()}/${moderator()}`, body, who().token);
    expect(response.status).toBe(status);
    expect(response.body.error).toBe(error);
    expect(await headPosition(platform)).toBe(before);
  });

  it('names the broken field of a bad body', async () => {
    const response = await api.put(`${moderators()}/${dee.username}`, { permissions: { ...timeouts, ban: 'yes' } }, ana.token);
    expect(response.body.field).toBe('permissions.ban');
  });

  it('answers 404 for an unknown channel', async () => {
    expect((await api.put(`${moderators('nobody_here')}/${dee.username}`, { permissions: timeouts }, ana.token)).status).toBe(404);
    expect((await api.get(moderators('nobody_here'), ana.token)).status).toBe(404);
  });

  it('removes a moderator, whose permissions end at once; a second removal is a 409', async () => {
    expect((await api.delete(`${moderators()}/${cleo.username}`, ben.token)).status).toBe(403);
    const removed = await api.delete(`${moderators()}/${cleo.username}`, ana.token);
    expect(removed.status).toBe(204);
    expect(await readModeratorPermissions(readModels(platform), ana.userId, cleo.userId)).toBeNull();
    const before = await headPosition(platform);
    const again = await api.delete(`${moderators()}/${cleo.username}`, ana.token);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('not_a_moderator');
    expect(await headPosition(platform)).toBe(before);
    expect((await api.get(moderators(), cleo.token)).status).toBe(403);
  });
});
