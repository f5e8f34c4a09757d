import { type GivenUser, SocketClient, usePlatform } from '@glint/testing/platform';

/**
 * The community core as its people use it, in one story through the public HTTP API and the chat
 * WebSocket: a streamer signs up, confirms the address, opens a channel with chat rules; viewers
 * follow and chat; a moderator times a chatter out and lifts it, bans and unbans them; the rules
 * turn away an unconfirmed and a too-young account with a message that says why.
 */
describe('from sign-up to a moderated chat', () => {
  const glint = usePlatform();
  const sockets: SocketClient[] = [];
  afterAll(async () => {
    for (const socket of sockets) socket.close();
  });

  async function chatAs(channel: string, user?: GivenUser): Promise<SocketClient> {
    const socket = await SocketClient.connect(`${glint.platform.wsUrl}/ws/chat${user ? `?token=${user.token}` : ''}`);
    sockets.push(socket);
    expect((await socket.request('join', { channel }, ['joined', 'error'])).event).toBe('joined');
    return socket;
  }
  const say = (socket: SocketClient, channel: string, text: string) => socket.request('send', { channel, text }, ['sent', 'error']);

  it('runs the whole story', async () => {
    // A streamer signs up and confirms the address with the link the confirmation mail carries.
    const registered = await glint.api.post('/api/accounts', { username: 'sam_streams', email: 'sam@glint.test', password: 'a long enough passphrase' });
    expect(registered.status).toBe(201);
    const session = await glint.api.post('/api/sessions', { username: 'sam_streams', password: 'a long enough passphrase' });
    expect(session.status).toBe(201);
    const sam: string = session.body.token;
    expect((await glint.api.get('/api/users/me', sam)).body).toMatchObject({ username: 'sam_streams', email: 'sam@glint.test', emailConfirmed: false });
    const confirmed = await glint.api.post('/api/accounts/email-confirmation', { token: await glint.given.latestConfirmationToken(registered.body.userId) });
    expect(confirmed.status).toBe(200);
    expect((await glint.api.get('/api/users/me', sam)).body.emailConfirmed).toBe(true);

    // The channel, with rules its chat enforces.
    const created = await glint.api.post('/api/channels', { title: 'Sam speedruns', category: 'gaming', tags: ['Speedrun', 'retro'], chatRules: 'Be kind.', requireConfirmedEmail: true, minimumAccountAgeHours: 24 }, sam);
    expect(created.status).toBe(201);
    expect(created.body.streamKey).toEqual(expect.any(String));

    // Viewers a few days old follow; one becomes a moderator who may time out and ban.
    const [val, wes, mo] = await Promise.all([glint.given.user({ ageHours: 72 }), glint.given.user({ ageHours: 72 }), glint.given.user({ ageHours: 72 })]);
    for (const viewer of [val, wes]) {
      expect((await glint.api.put('/api/channels/sam_streams/follow', { liveNotifications: true }, viewer.token)).status).toBe(200);
    }
    const page = await glint.api.get('/api/channels/sam_streams');
    expect(page.body).toMatchObject({ title: 'Sam speedruns', tags: ['speedrun', 'retro'], followerCount: 2, chatRules: 'Be kind.' });
    const appointed = await glint.api.put(`/api/channels/sam_streams/moderators/${mo.username}`, { permissions: { timeout: true, unTimeout: true, ban: true, unban: true, deleteMessage: false, edit: false } }, sam);
    expect(appointed.status).toBe(200);

    // Everyone in the chat; Val speaks, Wes hears.
    const valChat = await chatAs('sam_streams', val);
    const wesChat = await chatAs('sam_streams', wes);
    const first = await say(valChat, 'sam_streams', 'first!');
    expect(first.event).toBe('sent');
    await wesChat.next((frame) => frame.event === 'message' && frame.data.messageId === first.data.messageId);

    // The moderator times Val out: her next message is refused with the time left; the chat goes on for the others.
    const timedOut = await glint.api.post('/api/channels/sam_streams/timeouts', { user: val.username, preset: '5m', reason: 'caps' }, mo.token);
    expect(timedOut.status).toBe(201);
    await wesChat.next((frame) => frame.event === 'user_timed_out' && frame.data.userId === val.userId);
    const refused = await say(valChat, 'sam_streams', 'WHY');
    expect(refused.data).toMatchObject({ error: 'timed_out', message: expect.stringMatching(/^You are timed out in this chat for [45] more minutes\.$/) });
    expect(refused.data.retryAfterSeconds).toBeGreaterThan(280);
    const wesSpeaks = await say(wesChat, 'sam_streams', 'carry on');
    expect(wesSpeaks.event).toBe('sent');
    await valChat.next((frame) => frame.event === 'message' && frame.data.messageId === wesSpeaks.data.messageId);
    // A timeout does not clear the chat: Val's earlier message is still in what a newcomer sees.
    const newcomer = await chatAs('sam_streams');
    const recent = newcomer.frames.find((frame) => frame.event === 'joined')?.data.recent ?? [];
    expect(recent.map((message: { messageId: string }) => message.messageId)).toEqual(expect.arrayContaining([first.data.messageId, wesSpeaks.data.messageId]));

    // Lifted: Val speaks again. Banned: refused. Unbanned: speaks again.
    expect((await glint.api.delete(`/api/channels/sam_streams/timeouts/${val.username}`, mo.token)).status).toBe(204);
    expect((await say(valChat, 'sam_streams', 'sorry')).event).toBe('sent');
    expect((await glint.api.post('/api/channels/sam_streams/bans', { user: val.username, reason: 'again' }, mo.token)).status).toBe(201);
    expect((await say(valChat, 'sam_streams', 'hello?')).data).toMatchObject({ error: 'banned_from_chat', message: 'You are banned from this chat.' });
    expect((await glint.api.delete(`/api/channels/sam_streams/bans/${val.username}`, mo.token)).status).toBe(204);
    expect((await say(valChat, 'sam_streams', 'back')).event).toBe('sent');
    // Unbanning someone who is not banned is a clear conflict.
    const again = await glint.api.delete(`/api/channels/sam_streams/bans/${val.username}`, mo.token);
    expect({ status: again.status, error: again.body.error }).toEqual({ status: 409, error: 'not_banned' });

    // The moderation log shows what happened, to the owner.
    const log = await glint.api.get('/api/channels/sam_streams/moderation-log', sam);
    expect(log.body.items.map((entry: { action: string }) => entry.action)).toEqual(['unban', 'ban', 'untimeout', 'timeout']);

    // The chat rules: an unconfirmed address and a too-young account are told why.
    const unconfirmed = await glint.given.user({ ageHours: 72, confirmed: false });
    const unconfirmedSays = await say(await chatAs('sam_streams', unconfirmed), 'sam_streams', 'hi');
    expect(unconfirmedSays.data).toMatchObject({ error: 'email_confirmation_required', message: expect.stringContaining('confirm') });
    const fresh = await glint.given.user();
    const freshSays = await say(await chatAs('sam_streams', fresh), 'sam_streams', 'hi');
    expect(freshSays.data).toMatchObject({ error: 'account_too_new', message: expect.stringMatching(/at least 24 hours old: yours can chat here in 2[34] more hours\./) });
  });
});
