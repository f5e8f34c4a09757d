import { Given, type GivenUser, startPlatformUnderTest, type PlatformUnderTest, ChatScenario } from '@glint/testing/platform';

describe('one chat across two platform processes', () => {
  let first: PlatformUnderTest;
  let second: PlatformUnderTest;
  let chat: ChatScenario;
  let owner: GivenUser;
  let chatter: GivenUser;
  let admin: GivenUser;

  beforeAll(async () => {
    first = await startPlatformUnderTest();
    second = await startPlatformUnderTest({ databaseUrl: first.databaseUrl });
    chat = new ChatScenario(first);
    const given = new Given(first);
    [owner, chatter, admin] = await Promise.all([given.user(), given.user(), given.user({ staffRole: 'admin' })]);
    await chat.channel(owner);
  });
  afterAll(async () => {
    chat?.closeSockets();
    // The first platform made the shared database and drops it, so it closes last.
    await second?.close();
    await first?.close();
  });

  it('delivers a message sent through one process to sockets on the other, both ways', async () => {
    const { socket: onFirst } = await chat.joined(owner.username, chatter, first);
    const { socket: onSecond } = await chat.joined(owner.username, undefined, second);

    const throughFirst = await onFirst.request('send', { channel: owner.username, text: 'from the first process' }, ['sent', 'error']);
    expect((await onSecond.next((frame) => frame.event === 'message' && frame.data.messageId === throughFirst.data.messageId)).data).toMatchObject({ text: 'from the first process', sender: chatter.username });

    const { socket: senderOnSecond } = await chat.joined(owner.username, owner, second);
    const throughSecond = await senderOnSecond.request('send', { channel: owner.username, text: 'from the second process' }, ['sent', 'error']);
    expect((await onFirst.next((frame) => frame.event === 'message' && frame.data.messageId === throughSecond.data.messageId)).data).toMatchObject({ text: 'from the second process', sender: owner.username });
  });

  it('counts a sender’s rate across both processes', async () => {
    const flooder = await new Given(first).user();
    const onFirst = await chat.socket(flooder, '/ws/chat', first);
    const onSecond = await chat.socket(flooder, '/ws/chat', second);
    for (let index = 0; index < 20; index++) {
      const socket = index % 2 === 0 ? onFirst : onSecond;
      expect((await socket.request('send', { channel: owner.username, text: `message ${index}` }, ['sent', 'error'])).event).toBe('sent');
    }
    expect((await onSecond.request('send', { channel: owner.username, text: 'one too many' }, ['sent', 'error'])).data).toMatchObject({ error: 'rate_limited' });
  });

  it('closes every chat socket of a globally banned user, on every process', async () => {
    const banned = await new Given(first).user();
    const { socket: onFirst } = await chat.joined(owner.username, banned, first);
    const { socket: onSecond } = await chat.joined(owner.username, banned, second);
    const { socket: bystander } = await chat.joined(owner.username, chatter, second);

    expect((await chat.api.post(`/api/staff/users/${banned.userId}/global-ban`, { reason: 'Spam bot' }, admin.token)).status).toBe(204);
    expect(await onFirst.closure()).toEqual({ code: 4003, reason: 'globally banned' });
    expect(await onSecond.closure()).toEqual({ code: 4003, reason: 'globally banned' });
    expect(bystander.closed).toBeNull();
  });
});
