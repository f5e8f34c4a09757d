import { expectStatus } from '@glint/testing';
import { appToken, ChatScenario, Given, startPlatformUnderTest, type GivenUser, type PlatformUnderTest, type SocketClient } from '@glint/testing/platform';

/** A ban, a deletion or a sign-out reaches the sockets a user already holds, on every endpoint, without a reconnect. */
describe('sockets after a ban, a deletion or a sign-out', () => {
  let platform: PlatformUnderTest;
  let chat: ChatScenario;
  let given: Given;
  let owner: GivenUser;
  let staff: GivenUser;

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    chat = new ChatScenario(platform);
    given = new Given(platform);
    [owner, staff] = await Promise.all([given.user(), given.user({ staffRole: 'support' })]);
    await chat.channel(owner);
  });
  afterAll(async () => {
    chat?.closeSockets();
    await platform?.close();
  });

  async function subscribed(token: string, topic: string): Promise<SocketClient> {
    const socket = await chat.socket({ token } as GivenUser, '/ws/live');
    expect(await socket.request('subscribe', { topic }, ['subscribed', 'error'])).toMatchObject({ event: 'subscribed' });
    return socket;
  }

  const ban = async (user: GivenUser) => expectStatus(await chat.api.post(`/api/staff/users/${user.userId}/global-ban`, { reason: 'Spam bot' }, staff.token), 204, 'banning');

  it('closes a banned user’s chat and live-update sockets with 4003, and leaves others’ open', async () => {
    const banned = await given.user();
    const bystander = await given.user();
    const { socket: chatSocket } = await chat.joined(owner.username, banned);
    const liveSocket = await subscribed(banned.token, 'notifications');
    const untouched = await subscribed(bystander.token, 'notifications');

    await ban(banned);
    expect(await chatSocket.closure()).toEqual({ code: 4003, reason: 'globally banned' });
    expect(await liveSocket.closure()).toEqual({ code: 4003, reason: 'globally banned' });
    expect(untouched.closed).toBeNull();
  });

  it('closes the live-update socket of a signed-out session, and only that session’s', async () => {
    const user = await given.user();
    const other = expectStatus(await chat.api.post('/api/sessions', { username: user.username, password: user.password }), 201, 'signing in again');
    const signingOut = await subscribed(user.token, `channel:${owner.username}`);
    const stillSignedIn = await subscribed(other.body.token, `channel:${owner.username}`);

    expectStatus(await chat.api.delete('/api/sessions/current', user.token), 204, 'signing out');
    expect(await signingOut.closure()).toEqual({ code: 4001, reason: 'session ended: sign in again and reconnect' });
    expect(stillSignedIn.closed).toBeNull();
    expect(await stillSignedIn.request('subscribe', { topic: 'notifications' }, ['subscribed', 'error'])).toMatchObject({ event: 'subscribed' });
  });

  it('closes the live-update socket of an app whose owner is banned', async () => {
    const developer = await given.user();
    const token = await appToken(chat.api, developer.token, ['public']);
    const appSocket = await subscribed(token, 'channels');

    await ban(developer);
    expect(await appSocket.closure()).toEqual({ code: 4003, reason: 'globally banned' });
  });

  it('closes a deleted account’s sockets, and its apps’', async () => {
    const leaving = await given.user();
    const token = await appToken(chat.api, leaving.token, ['public']);
    const { socket: chatSocket } = await chat.joined(owner.username, leaving);
    const appSocket = await subscribed(token, 'channels');

    expectStatus(await chat.api.delete('/api/users/me', leaving.token, { password: leaving.password }), 204, 'deleting the account');
    // The deletion ends the account's sessions too: whichever frame comes first, the socket says its token is void.
    expect(await chatSocket.closure()).toEqual({ code: 4001, reason: expect.stringMatching(/^(account deleted|session ended: sign in again and reconnect)$/) });
    expect(await appSocket.closure()).toEqual({ code: 4001, reason: 'account deleted' });
  });
});
