import { quietPeriod } from '@glint/testing';
import { appToken, Given, type GivenUser, startPlatformUnderTest, type PlatformUnderTest, ChatScenario, type ReceivedFrame, type SocketClient } from '@glint/testing/platform';

describe('the live-update WebSocket', () => {
  let platform: PlatformUnderTest;
  let chat: ChatScenario;
  let owner: GivenUser;
  let follower: GivenUser;
  let channelId: string;
  // Other test files' platforms share this Redis, so the firehose carries their channels too.
  const ofThisChannel = (event: string) => (frame: ReceivedFrame) => frame.event === event && frame.data.channelId === channelId;

  async function subscribed(topic: string, token?: string): Promise<SocketClient> {
    const socket = await chat.socket(token ? ({ token } as GivenUser) : undefined, '/ws/live');
    expect(await socket.request('subscribe', { topic }, ['subscribed', 'error'])).toEqual({ event: 'subscribed', data: { topic: topic.toLowerCase() } });
    return socket;
  }

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    chat = new ChatScenario(platform);
    const given = new Given(platform);
    [owner, follower] = await Promise.all([given.user(), given.user()]);
    channelId = await chat.channel(owner);
  });
  afterAll(async () => {
    chat?.closeSockets();
    await platform?.close();
  });

  it('pushes a channel’s changes and new followers to its subscribers and to the firehose', async () => {
    const oneChannel = await subscribed(`channel:${owner.username.toUpperCase()}`);
    const everyChannel = await subscribed('channels', follower.token);

    expect((await chat.api.patch(`/api/channels/${owner.username}`, { title: 'Speedrun night' }, owner.token)).status).toBe(200);
    for (const socket of [oneChannel, everyChannel]) {
      expect(await socket.next(ofThisChannel('channel_updated'))).toEqual({ event: 'channel_updated', id: expect.any(String), data: { channelId, channel: owner.username, changes: { title: 'Speedrun night' } } });
    }

    expect((await chat.api.patch(`/api/channels/${owner.username}/chat-settings`, { blockLinks: true }, owner.token)).status).toBe(200);
    for (const socket of [oneChannel, everyChannel]) {
      expect((await socket.next((frame) => ofThisChannel('channel_updated')(frame) && frame.data.changes.blockLinks !== undefined)).data.changes).toEqual({ blockLinks: true });
    }

    expect((await chat.api.put(`/api/channels/${owner.username}/follow`, { liveNotifications: true }, follower.token)).status).toBe(200);
    for (const socket of [oneChannel, everyChannel]) {
      expect((await socket.next(ofThisChannel('channel_followed'))).data).toEqual({ channelId, channel: owner.username, followerId: follower.userId, follower: follower.username });
    }
  });

  it('stops pushing a topic once unsubscribed', async () => {
    const leaving = await subscribed(`channel:${owner.username}`);
    const staying = await subscribed(`channel:${owner.username}`);
    expect(await leaving.request('unsubscribe', { topic: `channel:${owner.username}` }, ['unsubscribed', 'error'])).toMatchObject({ event: 'unsubscribed' });
    const since = leaving.frames.length;

    await chat.api.patch(`/api/channels/${owner.username}`, { title: 'After the unsubscribe' }, owner.token);
    await staying.next((frame) => frame.event === 'channel_updated' && frame.data.changes.title === 'After the unsubscribe');
    await quietPeriod(200, 'both sockets are served by the same process from the same Redis message: the other has its frame already');
    expect(leaving.frames.slice(since)).toEqual([]);
  });

  it('lets an app token with the public scope subscribe, and refuses one without it', async () => {
    await subscribed('channels', await appToken(chat.api, owner.token, ['public']));
    const withoutPublic = await chat.socket({ token: await appToken(chat.api, owner.token, ['chat']) } as GivenUser, '/ws/live');
    expect((await withoutPublic.request('subscribe', { topic: 'channels' })).data).toMatchObject({ error: 'missing_scope', about: 'subscribe' });
  });

  it('refuses a topic it does not know, a channel that does not exist, and a token that is not valid', async () => {
    const socket = await chat.socket(undefined, '/ws/live');
    expect((await socket.request('subscribe', { topic: 'everything' })).data).toMatchObject({ error: 'invalid_frame', field: 'topic' });
    expect((await socket.request('subscribe', { topic: 'channel:nobody_at_all' })).data).toMatchObject({ error: 'channel_not_found' });
    const invalid = await chat.socket({ token: 'gls_this-session-never-existed' } as GivenUser, '/ws/live');
    expect(await invalid.closure()).toMatchObject({ code: 4001 });
  });
});
