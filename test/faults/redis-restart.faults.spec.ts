import { freePort } from '@glint/database';
import { eventually, until, type ApiResponse } from '@glint/testing';
import { ChatScenario, Given, startPlatformUnderTest, type GivenUser, type PlatformUnderTest, type ReceivedFrame, type SocketClient } from '@glint/testing/platform';
import { RedisServer } from './redis-server';

/**
 * Redis restarted under a platform with open sockets: chat and live updates carry on by themselves
 * once it is back, on the sockets already open, and no frame is delivered twice.
 */
describe('Redis restarted while people chat and watch live updates', () => {
  let redis: RedisServer;
  let platform: PlatformUnderTest;
  let chat: ChatScenario;
  let owner: GivenUser;
  let chatter: GivenUser;
  let chatSocket: SocketClient;
  let chatterSocket: SocketClient;
  let liveSocket: SocketClient;

  beforeAll(async () => {
    redis = new RedisServer(await freePort());
    await redis.start();
    platform = await startPlatformUnderTest({ env: { REDIS_URL: redis.url } });
    chat = new ChatScenario(platform);
    const given = new Given(platform);
    [owner, chatter] = await Promise.all([given.user(), given.user()]);
    await chat.channel(owner);
    chatSocket = (await chat.joined(owner.username)).socket;
    chatterSocket = (await chat.joined(owner.username, chatter)).socket;
    liveSocket = await chat.socket(undefined, '/ws/live');
    expect(await liveSocket.request('subscribe', { topic: `channel:${owner.username}` }, ['subscribed', 'error'])).toMatchObject({ event: 'subscribed' });
  }, 90_000);

  afterAll(async () => {
    chat?.closeSockets();
    await platform?.close();
    await redis?.stop();
  });

  const sendMessage = (text: string): Promise<ApiResponse> => chat.api.post(`/api/channels/${owner.username}/chat/messages`, { text }, chatter.token);
  const retitle = (title: string): Promise<ApiResponse> => chat.api.patch(`/api/channels/${owner.username}`, { title }, owner.token);
  const messageFrame = (messageId: string) => (frame: ReceivedFrame) => frame.event === 'message' && frame.data.messageId === messageId;
  const titleFrame = (title: string) => (frame: ReceivedFrame) => frame.event === 'channel_updated' && frame.data.changes.title === title;

  it('resumes chat and live updates on the open sockets once Redis is back, with no frame twice', async () => {
    const before = await sendMessage('before the restart');
    expect(before.status).toBe(201);
    await chatSocket.next(messageFrame(before.body.messageId));
    expect((await retitle('Before the restart')).status).toBe(200);
    await liveSocket.next(titleFrame('Before the restart'));

    await redis.stop();
    // Chat counts each sender in Redis: with Redis away a message is refused as unavailable, not lost as an internal error.
    const during = await sendMessage('while Redis is away');
    expect({ status: during.status, error: during.body.error }).toEqual({ status: 503, error: 'unavailable' });
    const duringOnSocket = await chatterSocket.request('send', { channel: owner.username, text: 'while Redis is away' }, ['sent', 'error']);
    expect(duringOnSocket).toMatchObject({ event: 'error', data: { error: 'unavailable', about: 'send' } });
    await redis.start();

    const after = await eventually(async () => {
      const sent = await sendMessage('after the restart');
      expect(sent.status).toBe(201);
      return sent;
    });
    await chatSocket.next(messageFrame(after.body.messageId), { timeoutMs: 20_000 });
    const sentOnSocket = await chatterSocket.request('send', { channel: owner.username, text: 'on the socket after the restart' }, ['sent', 'error']);
    expect(sentOnSocket).toMatchObject({ event: 'sent' });
    await chatSocket.next(messageFrame(sentOnSocket.data.messageId));
    await eventually(async () => {
      const title = `After the restart ${Date.now()}`;
      expect((await retitle(title)).status).toBe(200);
      await liveSocket.next(titleFrame(title), { timeoutMs: 2_000 });
    });

    const last = await sendMessage('the last one');
    expect(last.status).toBe(201);
    await chatSocket.next(messageFrame(last.body.messageId));
    await until('the sockets still open', () => [chatSocket, chatterSocket, liveSocket].every((socket) => !socket.closed));
    for (const socket of [chatSocket, chatterSocket, liveSocket]) {
      const ids = socket.frames.filter((frame) => frame.id !== undefined).map((frame) => frame.id);
      expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    }
  }, 240_000);
});
