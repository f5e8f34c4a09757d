import { Given, type GivenUser, startPlatformUnderTest, type PlatformUnderTest, ChatScenario, type SocketClient } from '@glint/testing/platform';

describe('the chat WebSocket', () => {
  let platform: PlatformUnderTest;
  let chat: ChatScenario;
  let owner: GivenUser;
  let chatter: GivenUser;
  let other: GivenUser;
  let unconfirmed: GivenUser;
  let newcomer: GivenUser;
  let moderator: GivenUser;
  let channelId: string;
  let viewer: SocketClient;

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    chat = new ChatScenario(platform);
    const given = new Given(platform);
    [owner, chatter, other, unconfirmed, newcomer, moderator] = await Promise.all([
      given.user(),
      given.user({ ageHours: 48 }),
      given.user({ ageHours: 48 }),
      given.user({ ageHours: 48, confirmed: false }),
      given.user({ ageHours: 5 }),
      given.user({ ageHours: 48 }),
    ]);
    channelId = await chat.channel(owner, { chatRules: 'Be kind.', requireConfirmedEmail: true, minimumAccountAgeHours: 24, blockLinks: true });
    await chat.moderator(owner, moderator, { timeout: true, unTimeout: true, ban: true, unban: true, deleteMessage: true });
    ({ socket: viewer } = await chat.joined(owner.username));
  });
  afterAll(async () => {
    chat?.closeSockets();
    await platform?.close();
  });

  it('shows the chat rules and the recent messages on join, oldest first, without deleted ones', async () => {
    const first = await chat.api.post(`/api/channels/${owner.username}/chat/messages`, { text: 'first' }, chatter.token);
    const removed = await chat.api.post(`/api/channels/${owner.username}/chat/messages`, { text: 'soon gone' }, chatter.token);
    const third = await chat.api.post(`/api/channels/${owner.username}/chat/messages`, { text: 'third' }, other.token);
    expect(await chat.api.delete(`/api/channels/${owner.username}/chat/messages/${removed.body.messageId}`, moderator.token)).toMatchObject({ status: 204 });

    const { joined } = await chat.joined(owner.username.toUpperCase());
    expect(joined).toMatchObject({ channel: owner.username, rules: 'Be kind.', settings: { blockLinks: true, requireConfirmedEmail: true, minimumAccountAgeHours: 24 } });
    expect(joined.recent.map((message: any) => [message.messageId, message.sender, message.text])).toEqual([
      [first.body.messageId, chatter.username, 'first'],
      [third.body.messageId, other.username, 'third'],
    ]);
    expect(Date.parse(joined.recent[0].sentAt)).not.toBeNaN();
  });

  it('sends a message to everyone in the chat, signed-in or not, with the event id to drop repeats', async () => {
    const { socket } = await chat.joined(owner.username, chatter);
    const since = viewer.frames.length;
    const sent = await socket.request('send', { channel: owner.username, text: '  hello everyone  ' }, ['sent', 'error']);
    expect(sent).toMatchObject({ event: 'sent', data: { channel: owner.username, messageId: expect.any(String) } });

    const received = await viewer.next((frame) => frame.event === 'message' && frame.data.messageId === sent.data.messageId, { since });
    expect(received).toMatchObject({ id: expect.any(String), data: { channel: owner.username, channelId, senderId: chatter.userId, sender: chatter.username, text: 'hello everyone' } });
    await socket.next((frame) => frame.event === 'message' && frame.data.messageId === sent.data.messageId);
  });

  it.each<[string, () => GivenUser | undefined, string, string, RegExp]>([
    ['an anonymous viewer', () => undefined, 'hello', 'sign_in_required', /Sign in/],
    ['an account without a confirmed e-mail', () => unconfirmed, 'hello', 'email_confirmation_required', /confirm/],
    ['an account younger than the channel requires', () => newcomer, 'hello', 'account_too_new', /at least 24 hours old: yours can chat here in 19 more hours/],
    ['a link where links are blocked', () => chatter, 'see https://example.com', 'links_not_allowed', /Links are not allowed/],
    ['an empty message', () => chatter, '   ', 'chat_message_empty', /needs some text/],
    ['a message over 500 characters', () => chatter, 'x'.repeat(501), 'chat_message_too_long', /at most 500/],
    ['a control character', () => chatter, 'two\nlines', 'chat_message_control_character', /control characters/],
  ])('refuses %s with an error frame that says why, records nothing, and keeps the socket open', async (_, who, text, error, says) => {
    const socket = await chat.socket(who());
    const before = (await chat.chatStream(channelId)).length;
    const refused = await socket.request('send', { channel: owner.username, text }, ['sent', 'error']);
    expect(refused).toEqual({ event: 'error', data: expect.objectContaining({ error, message: expect.stringMatching(says), about: 'send' }) });
    expect((await chat.chatStream(channelId)).length).toBe(before);
    expect(socket.closed).toBeNull();
    expect(await socket.request('join', { channel: owner.username }, ['joined', 'error'])).toMatchObject({ event: 'joined' });
  });

  it('answers frames it cannot take with error frames', async () => {
    const socket = await chat.socket(chatter);
    expect((await socket.request('send', { channel: owner.username, text: 'hi', colour: 'red' })).data).toMatchObject({ error: 'invalid_frame', field: 'colour' });
    expect((await socket.request('delete', { channel: owner.username, messageId: 'not-a-uuid' })).data).toMatchObject({ error: 'invalid_frame', field: 'messageId' });
    expect((await socket.request('shout', { channel: owner.username })).data).toMatchObject({ error: 'unknown_frame' });
    expect((await socket.request('join', { channel: 'nobody_here' })).data).toMatchObject({ error: 'channel_not_found' });
    const since = socket.frames.length;
    socket.sendRaw('not json');
    expect((await socket.next((frame) => frame.event === 'error', { since })).data).toMatchObject({ error: 'unreadable_frame' });
    expect(socket.closed).toBeNull();
  });

  it('closes a socket that brings a token that is not valid, saying why', async () => {
    const socket = await chat.socket({ ...chatter, token: 'gls_this-session-never-existed' });
    expect(await socket.closure()).toEqual({ code: 4001, reason: expect.stringContaining('invalid or expired token') });
  });

  it('times a chatter out and back in, bans and unbans them, live, while the others keep chatting', async () => {
    const { socket: chatterSocket } = await chat.joined(owner.username, chatter);
    const { socket: otherSocket } = await chat.joined(owner.username, other);
    const since = viewer.frames.length;

    const timedOut = await chat.api.post(`/api/channels/${owner.username}/timeouts`, { user: chatter.username, durationSeconds: 240 }, moderator.token);
    expect(timedOut.status).toBe(201);
    expect((await viewer.next((frame) => frame.event === 'user_timed_out', { since })).data).toMatchObject({ channel: owner.username, userId: chatter.userId, until: expect.any(String) });
    const refused = await chatterSocket.request('send', { channel: owner.username, text: 'let me talk' }, ['sent', 'error']);
    expect(refused.data).toMatchObject({ error: 'timed_out', message: 'You are timed out in this chat for 4 more minutes.' });
    expect(refused.data.retryAfterSeconds).toBeGreaterThan(230);
    expect(refused.data.retryAfterSeconds).toBeLessThanOrEqual(240);

    const othersMessage = await otherSocket.request('send', { channel: owner.username, text: 'still here' }, ['sent', 'error']);
    expect(othersMessage.event).toBe('sent');
    await viewer.next((frame) => frame.event === 'message' && frame.data.messageId === othersMessage.data.messageId, { since });

    expect((await chat.api.delete(`/api/channels/${owner.username}/timeouts/${chatter.username}`, moderator.token)).status).toBe(204);
    expect((await viewer.next((frame) => frame.event === 'user_timeout_lifted', { since })).data).toMatchObject({ userId: chatter.userId });
    expect((await chatterSocket.request('send', { channel: owner.username, text: 'thanks' }, ['sent', 'error'])).event).toBe('sent');

    expect((await chat.api.post(`/api/channels/${owner.username}/bans`, { user: chatter.username }, moderator.token)).status).toBe(201);
    expect((await viewer.next((frame) => frame.event === 'user_banned', { since })).data).toMatchObject({ userId: chatter.userId });
    expect((await chatterSocket.request('send', { channel: owner.username, text: 'hello?' }, ['sent', 'error'])).data).toMatchObject({ error: 'banned_from_chat' });

    expect((await chat.api.delete(`/api/channels/${owner.username}/bans/${chatter.username}`, moderator.token)).status).toBe(204);
    expect((await viewer.next((frame) => frame.event === 'user_unbanned', { since })).data).toMatchObject({ userId: chatter.userId });
    expect((await chatterSocket.request('send', { channel: owner.username, text: 'back again' }, ['sent', 'error'])).event).toBe('sent');
  });

  it('lets a moderator delete a message for everyone, once; refuses others and unknown messages', async () => {
    const { socket: chatterSocket } = await chat.joined(owner.username, other);
    const { socket: moderatorSocket } = await chat.joined(owner.username, moderator);
    const sent = await chatterSocket.request('send', { channel: owner.username, text: 'regrettable' }, ['sent', 'error']);
    const since = viewer.frames.length;

    expect(await chatterSocket.request('delete', { channel: owner.username, messageId: sent.data.messageId })).toMatchObject({ data: { error: 'not_allowed_to_delete_messages' } });
    expect(await moderatorSocket.request('delete', { channel: owner.username, messageId: sent.data.messageId }, ['deleted', 'error'])).toMatchObject({ event: 'deleted' });
    expect(await viewer.next((frame) => frame.event === 'message_deleted', { since })).toMatchObject({ data: { messageId: sent.data.messageId, senderId: other.userId } });
    const stream = (await chat.chatStream(channelId)).length;
    expect(await moderatorSocket.request('delete', { channel: owner.username, messageId: sent.data.messageId }, ['deleted', 'error'])).toMatchObject({ event: 'deleted' });
    expect((await chat.chatStream(channelId)).length).toBe(stream);
    expect(await moderatorSocket.request('delete', { channel: owner.username, messageId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ data: { error: 'chat_message_not_found' } });

    const history = await chat.api.get(`/api/channels/${owner.username}/chat/messages`);
    expect(history.body.items.map((message: any) => message.messageId)).not.toContain(sent.data.messageId);
  });

  it('answers a flood with rate_limited frames and the seconds to wait, without closing the socket', async () => {
    const flooder = await new Given(platform).user({ ageHours: 48 });
    const socket = await chat.socket(flooder);
    const replies = [];
    for (let index = 0; index < 21; index++) replies.push(await socket.request('send', { channel: owner.username, text: `message ${index}` }, ['sent', 'error']));
    expect(replies.slice(0, 20).every((reply) => reply.event === 'sent')).toBe(true);
    expect(replies[20].data).toMatchObject({ error: 'rate_limited', retryAfterSeconds: expect.any(Number) });
    expect(replies[20].data.retryAfterSeconds).toBeGreaterThan(0);
    expect(replies[20].data.retryAfterSeconds).toBeLessThanOrEqual(30);
    expect(socket.closed).toBeNull();
    expect(await socket.request('join', { channel: owner.username }, ['joined', 'error'])).toMatchObject({ event: 'joined' });
  });
});
