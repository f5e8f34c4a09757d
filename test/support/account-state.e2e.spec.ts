import type { EventStore } from '@glint/eventstore';
import { EVENT_STORE } from '@glint/runtime';
import { recordsNothing, until } from '@glint/testing';
import { type GivenUser, usePlatform } from '@glint/testing/platform';

/**
 * `state?asOf=` rebuilds an account by replaying the log; the live read models build it another
 * way. The scenario captures the account through the live API after each step, and the replay at
 * each of those moments must give exactly what the live API showed then.
 */
describe('support: an account as it stood at any moment', () => {
  const glint = usePlatform();
  let ana: GivenUser;
  let ben: GivenUser;
  let cy: GivenUser;
  let support: GivenUser;
  /** What Ana's follows are, as the follow route last answered them. */
  const followNotifications = new Map<string, boolean>();

  beforeAll(async () => {
    [ana, ben, cy, support] = await Promise.all([glint.given.user(), glint.given.user(), glint.given.user(), glint.given.user({ staffRole: 'support' })]);
  });

  const ok = async <T>(response: Promise<{ status: number; body: T }>, status = 200): Promise<T> => {
    const answered = await response;
    expect({ status: answered.status, body: answered.body }).toMatchObject({ status });
    return answered.body;
  };

  /** Ana as the live read models show her, in the shape of the replayed state. */
  async function liveStateOfAna() {
    const me = await ok(glint.api.get('/api/users/me', ana.token));
    const page = await glint.api.get(`/api/channels/${ana.username}`);
    const following = await ok(glint.api.get(`/api/users/${ana.username}/following?limit=100`));
    const standing = await ok(glint.api.get(`/api/channels/${ben.username}/standing/${ana.username}`, ben.token));
    let channel = null;
    if (page.status === 200) {
      const moderators = await ok(glint.api.get(`/api/channels/${ana.username}/moderators`, ana.token));
      channel = {
        title: page.body.title,
        category: page.body.category,
        subcategory: page.body.subcategory,
        tags: page.body.tags,
        language: page.body.language,
        mature: page.body.mature,
        chatRules: page.body.chatRules,
        ...page.body.chatSettings,
        moderators: moderators.items.map((moderator: { userId: string; permissions: unknown }) => ({ userId: moderator.userId, permissions: moderator.permissions })),
      };
    }
    return {
      profile: { username: me.username, email: me.email, emailConfirmed: me.emailConfirmed, staffRole: me.staffRole, twoFactorEnabled: me.twoFactorEnabled },
      channel,
      follows: following.items
        .map((followed: { channelId: string }) => ({ channelId: followed.channelId, liveNotifications: followNotifications.get(followed.channelId) }))
        .sort((a: { channelId: string }, b: { channelId: string }) => a.channelId.localeCompare(b.channelId)),
      moderationStanding: standing.banned || standing.timedOutUntil ? [{ channelId: ben.userId, banned: standing.banned, timedOutUntil: standing.timedOutUntil }] : [],
    };
  }

  async function replayedStateOfAna(asOf?: string) {
    const query = new URLSearchParams({ reason: 'Ticket 812: channel settings changed by themselves?', ...(asOf ? { asOf } : {}) });
    const state = await ok(glint.api.get(`/api/support/accounts/${ana.userId}/state?${query}`, support.token));
    const { profile } = state;
    return {
      profile: { username: profile.username, email: profile.email, emailConfirmed: profile.emailConfirmed, staffRole: profile.staffRole, twoFactorEnabled: profile.twoFactorEnabled },
      channel: state.channel,
      follows: state.follows,
      moderationStanding: state.moderationStanding,
    };
  }

  it('gives, at every captured moment, what the live API showed then; and now, what it shows now', async () => {
    const snapshots: Array<{ at: string; live: Awaited<ReturnType<typeof liveStateOfAna>> }> = [];
    const capture = async () => {
      const at = new Date().toISOString();
      snapshots.push({ at, live: await liveStateOfAna() });
      // The next step's facts must happen strictly after the captured moment.
      await until('the clock to pass the captured moment', () => Date.now() > Date.parse(at));
    };
    const follow = async (channel: GivenUser, liveNotifications: boolean) => {
      await ok(glint.api.put(`/api/channels/${channel.username}/follow`, { liveNotifications }, ana.token));
      followNotifications.set(channel.userId, liveNotifications);
    };

    await ok(glint.api.post('/api/channels', {}, ben.token), 201);
    await capture();

    await ok(glint.api.post('/api/channels', { title: 'Ana paints', category: 'art', tags: ['Water Colour', 'relaxed'] }, ana.token), 201);
    await follow(ben, true);
    await capture();

    await ok(glint.api.patch(`/api/channels/${ana.username}`, { title: 'Ana paints oils', language: 'de' }, ana.token));
    await ok(glint.api.patch(`/api/channels/${ana.username}/chat-settings`, { minimumAccountAgeHours: 24, blockLinks: true, chatRules: 'Be kind.' }, ana.token));
    await ok(
      glint.api.put(`/api/channels/${ana.username}/moderators/${cy.username}`, { permissions: { timeout: true, unTimeout: true, ban: false, unban: false, deleteMessage: true, edit: true } }, ana.token),
    );
    await capture();

    await ok(glint.api.post(`/api/channels/${ben.username}/timeouts`, { user: ana.username, durationSeconds: 3600, reason: 'spam' }, ben.token), 201);
    await capture();

    await ok(glint.api.post(`/api/channels/${ben.username}/bans`, { user: ana.username }, ben.token), 201);
    await follow(ben, false);
    await ok(glint.api.patch(`/api/channels/${ana.username}`, { title: 'Ana paints at night' }, cy.token));
    await capture();

    await ok(glint.api.delete(`/api/channels/${ben.username}/bans/${ana.username}`, ben.token), 204);
    await ok(glint.api.delete(`/api/channels/${ben.username}/timeouts/${ana.username}`, ben.token), 204);
    await ok(glint.api.delete(`/api/channels/${ben.username}/follow`, ana.token), 204);
    followNotifications.delete(ben.userId);
    await ok(glint.api.delete(`/api/channels/${ana.username}/moderators/${cy.username}`, ana.token), 204);
    await capture();

    for (const snapshot of snapshots) {
      expect({ at: snapshot.at, state: await replayedStateOfAna(snapshot.at) }).toEqual({ at: snapshot.at, state: snapshot.live });
    }
    expect(await replayedStateOfAna()).toEqual(await liveStateOfAna());
    // The scenario did move the account through different states: the comparisons above are not all of one state.
    expect(new Set(snapshots.map((snapshot) => JSON.stringify(snapshot.live))).size).toBe(snapshots.length);
  });

  it('before the account existed there is nothing; a moment later than now is refused and nothing is recorded', async () => {
    const before = await ok(glint.api.get(`/api/support/accounts/${ana.userId}/state?reason=Ticket%20812&asOf=2020-01-01T00:00:00Z`, support.token));
    expect(before).toMatchObject({ userId: ana.userId, asOf: '2020-01-01T00:00:00.000Z', profile: null, channel: null, follows: [], moderationStanding: [], moderates: [] });

    await recordsNothing(glint.platform.app.get<EventStore>(EVENT_STORE), async () => {
      const future = new Date(Date.now() + 3_600_000).toISOString();
      const refused = await glint.api.get(`/api/support/accounts/${ana.userId}/state?reason=Ticket%20812&asOf=${encodeURIComponent(future)}`, support.token);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ error: 'as_of_in_future', field: 'asOf' });
    });
  });

  it.each([
    ['anonymous', () => undefined, 401],
    ['the user themself', () => ana.token, 403],
    ['another user', () => ben.token, 403],
  ])('is refused to %s', async (_, token, status) => {
    const response = await glint.api.get(`/api/support/accounts/${ana.userId}/state?reason=Ticket%20812`, token());
    expect(response.status).toBe(status);
  });

  it('names the field when the reason is missing', async () => {
    const response = await glint.api.get(`/api/support/accounts/${ana.userId}/state`, support.token);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('reason');
  });
});
