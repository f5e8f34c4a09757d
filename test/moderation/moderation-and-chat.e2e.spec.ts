import { ApiClient, eventually, expectStatus } from '@glint/testing';
import { Given, type GivenUser, startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';

const NO_PERMISSION = { timeout: false, unTimeout: false, ban: false, unban: false, deleteMessage: false, edit: false };

/** Moderation as chat enforces it: the chatter's very next message is judged on the new standing. */
describe('timeouts and bans as chat sees them, over HTTP', () => {
  let platform: PlatformUnderTest;
  let api: ApiClient;
  let owner: GivenUser;
  let moderator: GivenUser;
  let chatter: GivenUser;
  let viewer: GivenUser;
  let channel: string;

  const say = (who: GivenUser, text: string) => api.post(`/api/channels/${channel}/chat/messages`, { text }, who.token);
  const chatTexts = async () => (await api.get(`/api/channels/${channel}/chat/messages`)).body.items.map((message: { text: string }) => message.text);

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    api = new ApiClient(platform.baseUrl);
    const given = new Given(platform);
    [owner, moderator, chatter, viewer] = await Promise.all([given.user(), given.user(), given.user(), given.user()]);
    channel = owner.username;
    expectStatus(await api.post('/api/channels', {}, owner.token), 201, 'creating the channel');
    const permissions = { ...NO_PERMISSION, timeout: true, unTimeout: true, ban: true, unban: true, deleteMessage: true };
    expectStatus(await api.put(`/api/channels/${channel}/moderators/${moderator.username}`, { permissions }, owner.token), 200, 'appointing a moderator');
  });
  afterAll(() => platform?.close());

  it('refuses a timed-out chatter’s next message with the time left, while others chat on and nothing is cleared', async () => {
    expectStatus(await say(chatter, 'first!'), 201, 'chatting before the timeout');
    expectStatus(await api.post(`/api/channels/${channel}/timeouts`, { user: chatter.username, preset: '15m' }, moderator.token), 201, 'timing out');

    const refused = await say(chatter, 'why?');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('timed_out');
    expect(refused.body.detail).toMatch(/15 more minutes|14 more minutes/);

    expectStatus(await say(viewer, 'still here'), 201, 'another viewer chatting');
    expect(await chatTexts()).toEqual(['first!', 'still here']);
  });

  it('lets the chatter speak again right after the timeout is lifted', async () => {
    expectStatus(await api.delete(`/api/channels/${channel}/timeouts/${chatter.username}`, moderator.token), 204, 'lifting the timeout');
    expect((await say(chatter, 'thanks')).status).toBe(201);
  });

  it('refuses a banned chatter until the ban is lifted', async () => {
    expectStatus(await api.post(`/api/channels/${channel}/bans`, { user: chatter.username, reason: 'Repeated abuse' }, moderator.token), 201, 'banning');
    const refused = await say(chatter, 'hello?');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('banned_from_chat');

    expectStatus(await api.delete(`/api/channels/${channel}/bans/${chatter.username}`, moderator.token), 204, 'unbanning');
    expect((await say(chatter, 'back again')).status).toBe(201);
  });

  it('lists the moderator’s deletion of a message in the moderation log', async () => {
    const sent = expectStatus(await say(chatter, 'something rude'), 201, 'chatting');
    expectStatus(await api.delete(`/api/channels/${channel}/chat/messages/${sent.body.messageId}`, moderator.token), 204, 'deleting the message');

    // Chat's own fact reaches the log through the live projection, within its lag.
    const log = await eventually(async () => {
      const read = await api.get(`/api/channels/${channel}/moderation-log`, owner.token);
      expect(read.body.items[0]?.action).toBe('delete_message');
      return read;
    });
    expect(log.body.items.map((entry: { action: string }) => entry.action)).toEqual(['delete_message', 'unban', 'ban', 'untimeout', 'timeout']);
    expect(log.body.items[0]).toMatchObject({
      moderator: { userId: moderator.userId, username: moderator.username },
      target: { userId: chatter.userId, username: chatter.username },
      messageId: sent.body.messageId,
    });
  });

  it('records one ban when the owner and a moderator ban at the same moment; the other is told it is already done', async () => {
    const answers = await Promise.all([owner, moderator].map((by) => api.post(`/api/channels/${channel}/bans`, { user: viewer.username }, by.token)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(answers.find((answer) => answer.status === 409)?.body.error).toBe('already_banned');
    const log = await api.get(`/api/channels/${channel}/moderation-log`, owner.token);
    expect(log.body.items.filter((entry: { action: string; target: { userId: string } }) => entry.action === 'ban' && entry.target.userId === viewer.userId)).toHaveLength(1);
  });
});
