import type { EventStore } from '@glint/eventstore';
import { readChatStanding } from '@glint/projections/chat-standing';
import { EVENT_STORE, READ_MODELS, type ReadModels } from '@glint/runtime';
import { ApiClient, expectStatus } from '@glint/testing';
import { Given, type GivenUser, startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';

const NO_PERMISSION = { timeout: false, unTimeout: false, ban: false, unban: false, deleteMessage: false, edit: false };

describe('channel timeouts, bans and the moderation log, over HTTP', () => {
  let platform: PlatformUnderTest;
  let api: ApiClient;
  let store: EventStore;
  let owner: GivenUser;
  let timer: GivenUser;
  let banner: GivenUser;
  let deleter: GivenUser;
  let viewer: GivenUser;
  let chatter: GivenUser;
  let rowdy: GivenUser;
  let support: GivenUser;
  let analyst: GivenUser;
  let channel: string;

  const head = () => store.headPosition();
  const timeouts = () => `/api/channels/${channel}/timeouts`;
  const bans = () => `/api/channels/${channel}/bans`;

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    api = new ApiClient(platform.baseUrl);
    store = platform.app.get<EventStore>(EVENT_STORE, { strict: false });
    const given = new Given(platform);
    [owner, timer, banner, deleter, viewer, chatter, rowdy, support, analyst] = await Promise.all([
      given.user(),
      given.user(),
      given.user(),
      given.user(),
      given.user(),
      given.user(),
      given.user(),
      given.user({ staffRole: 'support' }),
      given.user({ staffRole: 'analyst' }),
    ]);
    channel = owner.username;
    expectStatus(await api.post('/api/channels', {}, owner.token), 201, 'creating the channel');
    const appoint = async (moderator: GivenUser, granted: Partial<typeof NO_PERMISSION>) =>
      expectStatus(await api.put(`/api/channels/${channel}/moderators/${moderator.username}`, { permissions: { ...NO_PERMISSION, ...granted } }, owner.token), 200, 'appointing a moderator');
    await appoint(timer, { timeout: true, unTimeout: true });
    await appoint(banner, { ban: true, unban: true });
    await appoint(deleter, { deleteMessage: true });
  });
  afterAll(() => platform?.close());

  describe('timeouts', () => {
    it('lets the owner time a chatter out with a preset, and chat reads it at once', async () => {
      const asked = Date.now();
      const timedOut = await api.post(timeouts(), { user: chatter.username, preset: '5m', reason: 'Spamming links' }, owner.token);
      expect(timedOut.status).toBe(201);
      expect(timedOut.body).toMatchObject({ channel, user: chatter.username, userId: chatter.userId });
      const until = Date.parse(timedOut.body.until);
      expect(until).toBeGreaterThanOrEqual(asked + 300_000 - 1000);
      expect(until).toBeLessThanOrEqual(Date.now() + 300_000);

      // What chat judges the chatter's next message on, read right after the answer.
      const standing = await readChatStanding(platform.app.get<ReadModels>(READ_MODELS, { strict: false }).entityManager(), owner.userId, chatter.userId);
      expect(standing).toEqual({ banned: false, timedOutUntil: new Date(timedOut.body.until) });
      expect((await api.get(`/api/channels/${channel}/standing/${chatter.username}`, owner.token)).body).toEqual({
        channel,
        user: chatter.username,
        userId: chatter.userId,
        banned: false,
        timedOutUntil: timedOut.body.until,
      });
    });

    it.each<[string, () => GivenUser | null, number, string]>([
      ['a moderator without the "timeout" permission', () => banner, 403, 'missing_moderator_permission'],
      ['a moderator who may only delete messages', () => deleter, 403, 'missing_moderator_permission'],
      ['a plain viewer', () => viewer, 403, 'missing_moderator_permission'],
      ['an analyst, who is not moderating staff', () => analyst, 403, 'missing_moderator_permission'],
      ['nobody signed in', () => null, 401, 'sign_in_required'],
    ])('refuses %s and records nothing', async (_, who, status, error) => {
      const before = await head();
      const refused = await api.post(timeouts(), { user: rowdy.username, durationSeconds: 60 }, who()?.token);
      expect(refused.status).toBe(status);
      expect(refused.body.error).toBe(error);
      if (status === 403) expect(refused.body.detail).toContain('"timeout"');
      expect(await head()).toBe(before);
    });

    it('lets a moderator with "timeout" time out for any length, a second timeout replacing the first', async () => {
      const first = await api.post(timeouts(), { user: rowdy.username, durationSeconds: 604_800 }, timer.token);
      expect(first.status).toBe(201);
      const second = await api.post(timeouts(), { user: rowdy.username, durationSeconds: 10 }, timer.token);
      expect(second.status).toBe(201);
      expect(Date.parse(second.body.until)).toBeLessThan(Date.parse(first.body.until));
      expect((await api.get(`/api/channels/${channel}/standing/${rowdy.username}`, timer.token)).body.timedOutUntil).toBe(second.body.until);
    });

    it('lifts a running timeout once, then answers 409 not_timed_out and records nothing', async () => {
      expect((await api.delete(`${timeouts()}/${rowdy.username}`, banner.token)).body.error).toBe('missing_moderator_permission');
      expect((await api.delete(`${timeouts()}/${rowdy.username}`, timer.token)).status).toBe(204);
      expect((await api.get(`/api/channels/${channel}/standing/${rowdy.username}`, owner.token)).body).toMatchObject({ banned: false, timedOutUntil: null });

      const before = await head();
      const again = await api.delete(`${timeouts()}/${rowdy.username}`, timer.token);
      expect(again.status).toBe(409);
      expect(again.body.error).toBe('not_timed_out');
      const never = await api.delete(`${timeouts()}/${viewer.username}`, owner.token);
      expect(never.status).toBe(409);
      expect(await head()).toBe(before);
    });

    it('lets staff time out in any channel', async () => {
      expect((await api.post(timeouts(), { user: rowdy.username, preset: '15m' }, support.token)).status).toBe(201);
    });

    it.each<[string, () => Record<string, unknown>, () => string, number, string]>([
      ['the owner', () => ({ user: owner.username, preset: '5m' }), () => timer.token, 400, 'cannot_moderate_owner'],
      ['yourself', () => ({ user: timer.username, preset: '5m' }), () => timer.token, 400, 'cannot_moderate_self'],
      ['an unknown user', () => ({ user: 'nobody_here', preset: '5m' }), () => owner.token, 404, 'user_not_found'],
    ])('refuses to time out %s', async (_, body, token, status, error) => {
      const before = await head();
      const refused = await api.post(timeouts(), body(), token());
      expect(refused.status).toBe(status);
      expect(refused.body.error).toBe(error);
      expect(await head()).toBe(before);
    });

    it('answers 404 for a channel that does not exist', async () => {
      const refused = await api.post('/api/channels/no_such_channel/timeouts', { user: chatter.username, preset: '5m' }, owner.token);
      expect(refused.status).toBe(404);
      expect(refused.body.error).toBe('channel_not_found');
    });

    it.each<[string, Record<string, unknown>, string, string]>([
      ['9 seconds', { durationSeconds: 9 }, 'invalid_input', 'durationSeconds'],
      ['7 days and a second', { durationSeconds: 604_801 }, 'invalid_input', 'durationSeconds'],
      ['a duration given as text', { durationSeconds: '300' }, 'invalid_input', 'durationSeconds'],
      ['a fraction of a second', { durationSeconds: 30.5 }, 'invalid_input', 'durationSeconds'],
      ['an unknown preset', { preset: '1h' }, 'invalid_input', 'preset'],
      ['a duration and a preset at once', { durationSeconds: 300, preset: '5m' }, 'ambiguous_timeout_duration', 'preset'],
      ['no duration at all', {}, 'timeout_duration_required', 'durationSeconds'],
      ['a reason over 500 characters', { preset: '5m', reason: 'x'.repeat(501) }, 'invalid_input', 'reason'],
      ['a field the API does not know', { preset: '5m', silently: true }, 'invalid_input', 'silently'],
      ['no user', { user: undefined, preset: '5m' }, 'invalid_input', 'user'],
      ['a user that is no username', { user: 'rowdy; drop', preset: '5m' }, 'invalid_input', 'user'],
    ])('answers 400 naming the field for %s, and records nothing', async (_, change, error, field) => {
      const before = await head();
      const refused = await api.post(timeouts(), { user: rowdy.username, ...change }, owner.token);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ error, field });
      expect(await head()).toBe(before);
    });
  });

  describe('bans', () => {
    it('bans, refuses a second ban, unbans, and refuses a second unban, recording nothing on a refusal', async () => {
      expect((await api.post(bans(), { user: chatter.username }, timer.token)).body.error).toBe('missing_moderator_permission');

      const banned = await api.post(bans(), { user: chatter.username, reason: 'Hate speech' }, banner.token);
      expect(banned.status).toBe(201);
      expect(banned.body).toEqual({ channel, user: chatter.username, userId: chatter.userId, banned: true });
      expect((await api.get(`/api/channels/${channel}/standing/${chatter.username}`, banner.token)).body.banned).toBe(true);

      let before = await head();
      const twice = await api.post(bans(), { user: chatter.username }, owner.token);
      expect(twice.status).toBe(409);
      expect(twice.body.error).toBe('already_banned');
      expect(await head()).toBe(before);

      expect((await api.delete(`${bans()}/${chatter.username}`, timer.token)).body.error).toBe('missing_moderator_permission');
      expect((await api.delete(`${bans()}/${chatter.username}`, banner.token)).status).toBe(204);
      expect((await api.get(`/api/channels/${channel}/standing/${chatter.username}`, banner.token)).body.banned).toBe(false);

      before = await head();
      const unbanAgain = await api.delete(`${bans()}/${chatter.username}`, banner.token);
      expect(unbanAgain.status).toBe(409);
      expect(unbanAgain.body.error).toBe('not_banned');
      expect(await head()).toBe(before);
    });

    it.each<[string, () => Record<string, unknown>, () => string, number, string, string?]>([
      ['banning the owner, even by staff', () => ({ user: owner.username }), () => support.token, 400, 'cannot_moderate_owner', 'user'],
      ['banning yourself', () => ({ user: banner.username }), () => banner.token, 400, 'cannot_moderate_self', 'user'],
      ['a ban naming no user', () => ({ reason: 'no one' }), () => owner.token, 400, 'invalid_input', 'user'],
      ['a ban reason over 500 characters', () => ({ user: rowdy.username, reason: 'y'.repeat(501) }), () => owner.token, 400, 'invalid_input', 'reason'],
      ['a ban with a field the API does not know', () => ({ user: rowdy.username, days: 3 }), () => owner.token, 400, 'invalid_input', 'days'],
    ])('refuses %s, recording nothing', async (_, body, token, status, error, field) => {
      const before = await head();
      const refused = await api.post(bans(), body(), token());
      expect(refused.status).toBe(status);
      expect(refused.body).toMatchObject({ error, ...(field ? { field } : {}) });
      expect(await head()).toBe(before);
    });
  });

  describe('the moderation log', () => {
    it('shows the owner every action, newest first, with who did what to whom', async () => {
      const log = await api.get(`/api/channels/${channel}/moderation-log`, owner.token);
      expect(log.status).toBe(200);
      const ref = (user: GivenUser) => ({ userId: user.userId, username: user.username, deleted: false });
      expect(log.body.items.map(({ position: _p, occurredAt: _o, ...entry }: Record<string, unknown>) => entry)).toEqual([
        { action: 'unban', moderator: ref(banner), target: ref(chatter), durationSeconds: null, reason: null, messageId: null },
        { action: 'ban', moderator: ref(banner), target: ref(chatter), durationSeconds: null, reason: 'Hate speech', messageId: null },
        { action: 'timeout', moderator: ref(support), target: ref(rowdy), durationSeconds: 900, reason: null, messageId: null },
        { action: 'untimeout', moderator: ref(timer), target: ref(rowdy), durationSeconds: null, reason: null, messageId: null },
        { action: 'timeout', moderator: ref(timer), target: ref(rowdy), durationSeconds: 10, reason: null, messageId: null },
        { action: 'timeout', moderator: ref(timer), target: ref(rowdy), durationSeconds: 604_800, reason: null, messageId: null },
        { action: 'timeout', moderator: ref(owner), target: ref(chatter), durationSeconds: 300, reason: 'Spamming links', messageId: null },
      ]);
      expect(log.body).toMatchObject({ channel, nextCursor: null });
    });

    it('pages with the cursor it hands out', async () => {
      const first = await api.get(`/api/channels/${channel}/moderation-log?limit=4`, owner.token);
      const second = await api.get(`/api/channels/${channel}/moderation-log?limit=4&cursor=${first.body.nextCursor}`, owner.token);
      expect(first.body.items).toHaveLength(4);
      expect(second.body.items.map((entry: { action: string }) => entry.action)).toEqual(['timeout', 'timeout', 'timeout']);
      expect(second.body.nextCursor).toBeNull();
      expect((await api.get(`/api/channels/${channel}/moderation-log?limit=0`, owner.token)).body).toMatchObject({ status: 400, field: 'limit' });
      expect((await api.get(`/api/channels/${channel}/moderation-log?limit=101`, owner.token)).body).toMatchObject({ status: 400, field: 'limit' });
      expect((await api.get(`/api/channels/${channel}/moderation-log?cursor=soon`, owner.token)).body).toMatchObject({ status: 400, error: 'invalid_cursor', field: 'cursor' });
    });

    it.each<[string, number, () => GivenUser | null]>([
      ['a moderator with a standing permission', 200, () => timer],
      ['a moderator with no standing permission at all', 200, () => deleter],
      ['support staff', 200, () => support],
      ['a plain viewer', 403, () => viewer],
      ['a chatter who was moderated', 403, () => chatter],
      ['an analyst', 403, () => analyst],
      ['nobody signed in', 401, () => null],
    ])('with its users’ standings, is for the owner, its moderators and staff: %s gets %d', async (_, status, who) => {
      expect((await api.get(`/api/channels/${channel}/moderation-log`, who()?.token)).status).toBe(status);
      expect((await api.get(`/api/channels/${channel}/standing/${rowdy.username}`, who()?.token)).status).toBe(status);
    });

    it('answers 403 not_channel_moderator to a plain viewer, and 404 for an unknown channel', async () => {
      expect((await api.get(`/api/channels/${channel}/moderation-log`, viewer.token)).body.error).toBe('not_channel_moderator');
      expect((await api.get('/api/channels/no_such_channel/moderation-log', owner.token)).body.error).toBe('channel_not_found');
    });
  });

  it('describes its routes in the OpenAPI document', async () => {
    const document = await api.get('/api/docs-json');
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/channels/{username}/timeouts',
        '/api/channels/{username}/timeouts/{targetUsername}',
        '/api/channels/{username}/bans',
        '/api/channels/{username}/bans/{targetUsername}',
        '/api/channels/{username}/moderation-log',
        '/api/channels/{username}/standing/{targetUsername}',
        '/api/reports',
        '/api/staff/reports',
        '/api/staff/reports/{reportId}/resolution',
        '/api/staff/audit-log',
      ]),
    );
  });
});
