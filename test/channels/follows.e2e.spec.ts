import { expectStatus, until } from '@glint/testing';
import { type GivenUser, headPosition, usePlatform } from '@glint/testing/platform';

describe('follows over HTTP', () => {
  const glint = usePlatform();
  let ana: GivenUser;
  let ben: GivenUser;
  let cleo: GivenUser;
  let dee: GivenUser;
  const follow = (channel: string) => `/api/channels/${channel}/follow`;
  const followerCount = async (channel: string) => (await glint.api.get(`/api/channels/${channel}`)).body.followerCount;

  beforeAll(async () => {
    [ana, ben, cleo, dee] = await Promise.all([glint.given.user(), glint.given.user(), glint.given.user(), glint.given.user()]);
    for (const owner of [ana, ben]) expectStatus(await glint.api.post('/api/channels', undefined, owner.token), 201, 'creating a channel');
  });

  it('follows a channel, counted on its page on the very next read', async () => {
    const response = await glint.api.put(follow(ana.username), { liveNotifications: true }, ben.token);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ channel: ana.username, following: true, liveNotifications: true, followerCount: 1 });
    expect(await followerCount(ana.username)).toBe(1);
  });

  it('records nothing when following again, and only the change when the notifications differ', async () => {
    const before = await headPosition(glint.platform);
    expect((await glint.api.put(follow(ana.username), { liveNotifications: true }, ben.token)).status).toBe(200);
    expect(await headPosition(glint.platform)).toBe(before);
    const changed = await glint.api.put(follow(ana.username), { liveNotifications: false }, ben.token);
    expect(changed.body).toEqual({ channel: ana.username, following: true, liveNotifications: false, followerCount: 1 });
    expect(await headPosition(glint.platform)).toBe(before + 1);
  });

  it('refuses following your own channel', async () => {
    const before = await headPosition(glint.platform);
    const response = await glint.api.put(follow(ana.username), { liveNotifications: true }, ana.token);
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('cannot_follow_self');
    expect(await headPosition(glint.platform)).toBe(before);
  });

  it.each<[string, unknown, string]>([
    ['no body', undefined, 'liveNotifications'],
    ['notifications as text', { liveNotifications: 'yes' }, 'liveNotifications'],
    ['notifications as null', { liveNotifications: null }, 'liveNotifications'],
    ['an unknown field', { liveNotifications: true, email: true }, 'email'],
  ])('refuses %s with a 400 naming the field, recording nothing', async (_, body, field) => {
    const before = await headPosition(glint.platform);
    const response = await glint.api.put(follow(ana.username), body, cleo.token);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
    expect(await headPosition(glint.platform)).toBe(before);
  });

  it('asks an anonymous caller to sign in, and 404s an unknown channel', async () => {
    expect((await glint.api.put(follow(ana.username), { liveNotifications: true })).status).toBe(401);
    expect((await glint.api.delete(follow(ana.username))).status).toBe(401);
    expect((await glint.api.put(follow('nobody_here'), { liveNotifications: true }, cleo.token)).status).toBe(404);
    expect((await glint.api.delete(follow('nobody_here'), cleo.token)).status).toBe(404);
  });

  it('unfollows, and unfollowing again records nothing', async () => {
    expect((await glint.api.put(follow(ana.username), { liveNotifications: false }, cleo.token)).status).toBe(200);
    expect(await followerCount(ana.username)).toBe(2);
    expect((await glint.api.delete(follow(ana.username), cleo.token)).status).toBe(204);
    expect(await followerCount(ana.username)).toBe(1);
    const before = await headPosition(glint.platform);
    expect((await glint.api.delete(follow(ana.username), cleo.token)).status).toBe(204);
    expect(await headPosition(glint.platform)).toBe(before);
  });

  it('pages through the followers newest first, with their count, for anyone', async () => {
    for (const follower of [cleo, dee]) expectStatus(await glint.api.put(follow(ana.username), { liveNotifications: true }, follower.token), 200, 'following');
    const first = await glint.api.get(`/api/channels/${ana.username}/followers?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ followerCount: 3, items: [{ userId: dee.userId, username: dee.username, deleted: false }, { userId: cleo.userId, username: cleo.username }] });
    expect(first.body.items[0].followedAt).toEqual(expect.any(String));
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await glint.api.get(`/api/channels/${ana.username}/followers?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ followerCount: 3, items: [{ userId: ben.userId, username: ben.username }], nextCursor: null });
    const whole = await glint.api.get(`/api/channels/${ana.username}/followers`);
    expect(whole.body).toMatchObject({ followerCount: 3, items: [{ userId: dee.userId }, { userId: cleo.userId }, { userId: ben.userId }], nextCursor: null });
  });

  it('lists the channels a user follows, with their count', async () => {
    expectStatus(await glint.api.put(follow(ben.username), { liveNotifications: true }, dee.token), 200, 'following');
    const response = await glint.api.get(`/api/users/${dee.username}/following`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ followingCount: 2, items: [{ channelId: ben.userId, username: ben.username }, { channelId: ana.userId, username: ana.username }], nextCursor: null });
    const first = await glint.api.get(`/api/users/${dee.username}/following?limit=1`);
    expect(first.body).toMatchObject({ followingCount: 2, items: [{ channelId: ben.userId }], nextCursor: expect.any(String) });
    const last = await glint.api.get(`/api/users/${dee.username}/following?limit=1&cursor=${first.body.nextCursor}`);
    expect(last.body).toMatchObject({ followingCount: 2, items: [{ channelId: ana.userId }], nextCursor: null });
  });

  describe.each([
    ['followers', () => `/api/channels/${ana.username}/followers`],
    ['following', () => `/api/users/${dee.username}/following`],
  ])('the %s list', (_, list) => {
    it.each([
      ['a limit of 0', '?limit=0', 'invalid_input', 'limit'],
      ['a limit of 101', '?limit=101', 'invalid_input', 'limit'],
      ['a limit that is not a number', '?limit=ten', 'invalid_input', 'limit'],
      ['a cursor it never gave out', '?cursor=abc', 'invalid_cursor', 'cursor'],
      ['an unknown parameter', '?sort=oldest', 'invalid_input', 'sort'],
    ])('refuses %s with a 400 naming it', async (_, query, error, field) => {
      const response = await glint.api.get(`${list()}${query}`);
      expect({ status: response.status, error: response.body.error, field: response.body.field }).toEqual({ status: 400, error, field });
    });
  });

  it('answers 404 for the lists of an unknown channel or user', async () => {
    expect((await glint.api.get('/api/channels/nobody_here/followers')).status).toBe(404);
    expect((await glint.api.get('/api/users/nobody_here/following')).status).toBe(404);
  });

  it('takes a deleted account’s channel away, and keeps the other channels’ follower counts as they were', async () => {
    // Ben follows Ana and owns a channel Dee follows; then he deletes his account.
    expect(await followerCount(ana.username)).toBe(3);
    expectStatus(await glint.api.request('DELETE', '/api/users/me', { body: { password: ben.password }, token: ben.token }), 204, 'deleting the account');

    await until('the deleted channel to be gone', async () => (await glint.api.get(`/api/channels/${ben.username}`)).status === 404);
    expect((await glint.api.get(`/api/channels/${ben.username}/followers`)).status).toBe(404);
    expect((await glint.api.put(follow(ben.username), { liveNotifications: true }, cleo.token)).status).toBe(404);

    await until('the follows to show the deleted account', async () => (await glint.api.get(`/api/users/${dee.username}/following`)).body.items[0].deleted === true);
    // A follow is a fact about two accounts; the deletion erases Ben's personal data, not the facts counted from his account.
    expect(await followerCount(ana.username)).toBe(3);
    const followers = await glint.api.get(`/api/channels/${ana.username}/followers`);
    expect(followers.body.followerCount).toBe(3);
    expect(followers.body.items.find((follower: { userId: string }) => follower.userId === ben.userId)).toMatchObject({ username: null, deleted: true });
    expect((await glint.api.get(`/api/users/${dee.username}/following`)).body).toMatchObject({ followingCount: 2, items: [{ channelId: ben.userId, username: null, deleted: true }, { channelId: ana.userId }] });
    expect((await glint.api.get(`/api/users/${ben.username}/following`)).status).toBe(404);
  });
});
