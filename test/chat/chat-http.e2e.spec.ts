import { randomUUID } from 'node:crypto';
import type { EventSourcedStreams } from '@glint/event-sourcing';
import { isSealed, type PersonalDataVault } from '@glint/personal-data';
import { EVENT_SOURCED_STREAMS, PERSONAL_DATA } from '@glint/runtime';
import { eventually } from '@glint/testing';
import { Given, type GivenUser, startPlatformUnderTest, type PlatformUnderTest, ChatScenario } from '@glint/testing/platform';

describe('chat over HTTP', () => {
  let platform: PlatformUnderTest;
  let chat: ChatScenario;
  let owner: GivenUser;
  let chatter: GivenUser;
  let moderator: GivenUser;
  let bystander: GivenUser;
  let admin: GivenUser;
  let channelId: string;
  const messages = () => `/api/channels/${owner.username}/chat/messages`;

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    chat = new ChatScenario(platform);
    const given = new Given(platform);
    [owner, chatter, moderator, bystander, admin] = await Promise.all([given.user(), given.user(), given.user(), given.user(), given.user({ staffRole: 'admin' })]);
    channelId = await chat.channel(owner, { blockLinks: true });
    await chat.moderator(owner, moderator, { deleteMessage: true });
  });
  afterAll(() => platform?.close());

  it('sends a message: 201 with the message, recorded with its text sealed, and read back at once', async () => {
    const sent = await chat.api.post(messages(), { text: ' good evening ' }, chatter.token);
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({ messageId: expect.any(String), senderId: chatter.userId, sender: chatter.username, text: 'good evening', sentAt: expect.any(String) });

    const [recorded] = (await chat.chatStream(channelId)).filter((event) => event.type === 'ChatMessageSent');
    expect(recorded.data).toMatchObject({ channelId, messageId: sent.body.messageId, senderId: chatter.userId, senderUsername: chatter.username, containsLink: false });
    expect(isSealed((recorded.data as { text: string }).text)).toBe(true);

    const history = await chat.api.get(messages());
    expect(history.status).toBe(200);
    expect(history.body).toEqual({ items: [sent.body], nextCursor: null });
  });

  it('serves the newest messages first, a page oldest first, and older ones page by page', async () => {
    for (const text of ['one', 'two', 'three']) expect((await chat.api.post(messages(), { text }, chatter.token)).status).toBe(201);
    const latestTwo = await chat.api.get(`${messages()}?limit=2`);
    expect(latestTwo.body.items.map((message: { text: string }) => message.text)).toEqual(['two', 'three']);
    const older = await chat.api.get(`${messages()}?limit=2&cursor=${latestTwo.body.nextCursor}`);
    expect(older.body).toEqual({ items: [expect.objectContaining({ text: 'good evening' }), expect.objectContaining({ text: 'one' })], nextCursor: null });
  });

  it.each<[string, () => Record<string, unknown>, () => string | undefined, number, string, string | undefined]>([
    ['no session', () => ({ text: 'hi' }), () => undefined, 401, 'sign_in_required', undefined],
    ['no text', () => ({}), () => chatter.token, 400, 'invalid_input', 'text'],
    ['a text that is no string', () => ({ text: 42 }), () => chatter.token, 400, 'invalid_input', 'text'],
    ['an unknown field', () => ({ text: 'hi', colour: 'red' }), () => chatter.token, 400, 'invalid_input', 'colour'],
    ['an empty text', () => ({ text: '  ' }), () => chatter.token, 400, 'chat_message_empty', 'text'],
    ['a text over 500 characters', () => ({ text: 'x'.repeat(501) }), () => chatter.token, 400, 'chat_message_too_long', 'text'],
    ['a link where links are blocked', () => ({ text: 'www.example.com' }), () => chatter.token, 403, 'links_not_allowed', undefined],
  ])('refuses %s and records nothing', async (_, body, token, status, error, field) => {
    const before = (await chat.chatStream(channelId)).length;
    const refused = await chat.api.post(messages(), body(), token());
    expect(refused.status).toBe(status);
    expect(refused.body).toMatchObject({ error, ...(field ? { field } : {}) });
    expect((await chat.chatStream(channelId)).length).toBe(before);
  });

  it('answers 404 for a channel that does not exist, and 400 for a limit out of range or a cursor it never gave', async () => {
    expect((await chat.api.get('/api/channels/nobody_at_all/chat/messages')).body).toMatchObject({ status: 404, error: 'channel_not_found' });
    expect((await chat.api.post('/api/channels/nobody_at_all/chat/messages', { text: 'hi' }, chatter.token)).status).toBe(404);
    expect((await chat.api.get(`${messages()}?limit=101`)).body).toMatchObject({ status: 400, field: 'limit' });
    expect((await chat.api.get(`${messages()}?limit=0`)).body).toMatchObject({ status: 400, field: 'limit' });
    expect((await chat.api.get(`${messages()}?cursor=yesterday`)).body).toMatchObject({ status: 400, error: 'invalid_cursor', field: 'cursor' });
  });

  it.each<[string, () => GivenUser]>([
    ['a moderator allowed to delete messages', () => moderator],
    ['the owner', () => owner],
    ['an admin', () => admin],
  ])('lets %s delete a message: 204, gone from the history, and a second delete records nothing', async (_, who) => {
    const sent = await chat.api.post(messages(), { text: 'to be removed' }, chatter.token);
    expect((await chat.api.delete(`${messages()}/${sent.body.messageId}`, who().token)).status).toBe(204);
    const deleted = (await chat.chatStream(channelId)).filter((event) => event.type === 'ChatMessageDeleted').at(-1);
    expect(deleted?.data).toEqual({ channelId, messageId: sent.body.messageId, senderId: chatter.userId, moderatorId: who().userId });
    expect((await chat.api.get(messages())).body.items.map((message: { messageId: string }) => message.messageId)).not.toContain(sent.body.messageId);

    const before = (await chat.chatStream(channelId)).length;
    expect((await chat.api.delete(`${messages()}/${sent.body.messageId}`, who().token)).status).toBe(204);
    expect((await chat.chatStream(channelId)).length).toBe(before);
  });

  it.each<[string, () => string | undefined, () => string, number, string]>([
    ['a viewer who is no moderator', () => bystander.token, () => 'sent', 403, 'not_allowed_to_delete_messages'],
    ['the sender themself', () => chatter.token, () => 'sent', 403, 'not_allowed_to_delete_messages'],
    ['no session', () => undefined, () => 'sent', 401, 'sign_in_required'],
    ['a message that does not exist', () => moderator.token, () => '00000000-0000-4000-8000-000000000000', 404, 'chat_message_not_found'],
    ['a message id that is no UUID', () => moderator.token, () => 'not-a-uuid', 400, 'invalid_input'],
  ])('refuses deleting for %s and records nothing', async (_, token, messageId, status, error) => {
    const sent = await chat.api.post(messages(), { text: 'stays' }, chatter.token);
    const id = messageId() === 'sent' ? sent.body.messageId : messageId();
    const before = (await chat.chatStream(channelId)).length;
    const refused = await chat.api.delete(`${messages()}/${id}`, token());
    expect(refused.status).toBe(status);
    expect(refused.body).toMatchObject({ error });
    expect((await chat.chatStream(channelId)).length).toBe(before);
  });

  it('tells a timed-out sender the seconds left, and a flood 429 with Retry-After', async () => {
    const flooder = await new Given(platform).user();
    const timedOut = await chat.api.post(`/api/channels/${owner.username}/timeouts`, { user: flooder.username, durationSeconds: 120 }, owner.token);
    expect(timedOut.status).toBe(201);
    const refused = await chat.api.post(messages(), { text: 'let me in' }, flooder.token);
    expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 403, error: 'timed_out' });
    expect(Number(refused.headers.get('retry-after'))).toBe(refused.body.retryAfterSeconds);
    expect(refused.body.retryAfterSeconds).toBeGreaterThan(100);
    expect((await chat.api.delete(`/api/channels/${owner.username}/timeouts/${flooder.username}`, owner.token)).status).toBe(204);

    // Every attempt counts toward the limit, refused ones too, so the flood comes from a fresh sender.
    const chatty = await new Given(platform).user();
    const answers: Array<{ status: number; retryAfter: string | null; body: { error?: string; retryAfterSeconds?: number } }> = [];
    for (let sent = 0; sent < 21; sent++) {
      const answer = await chat.api.post(messages(), { text: `message ${sent}` }, chatty.token);
      answers.push({ status: answer.status, retryAfter: answer.headers.get('retry-after'), body: answer.body });
    }
    expect(answers.slice(0, 20).map((answer) => answer.status)).toEqual(Array(20).fill(201));
    const flooded = answers[20];
    expect({ status: flooded.status, error: flooded.body.error }).toEqual({ status: 429, error: 'rate_limited' });
    expect(Number(flooded.retryAfter)).toBe(flooded.body.retryAfterSeconds);
  });

  it('serves only the last hour where the channel shows recent chat only', async () => {
    const streamer = await new Given(platform).user();
    const streamerChannel = await chat.channel(streamer, { showRecentChatOnly: true });
    // A message from two hours ago, recorded as the chat records one then.
    const vault = platform.app.get<PersonalDataVault>(PERSONAL_DATA, { strict: false });
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    await platform.app.get<EventSourcedStreams>(EVENT_SOURCED_STREAMS, { strict: false }).append(
      `chat-${streamerChannel}`,
      [{ type: 'ChatMessageSent', data: { channelId: streamerChannel, messageId: randomUUID(), senderId: chatter.userId, senderUsername: chatter.username, text: await vault.seal(chatter.userId, 'long ago'), containsLink: false } }],
      { actor: { type: 'user', userId: chatter.userId, role: 'user' }, correlationId: randomUUID(), causationId: null, now: twoHoursAgo },
    );
    expect((await chat.api.post(`/api/channels/${streamer.username}/chat/messages`, { text: 'just now' }, chatter.token)).status).toBe(201);
    expect((await chat.api.get(`/api/channels/${streamer.username}/chat/messages`)).body.items.map((message: { text: string }) => message.text)).toEqual(['just now']);

    expect((await chat.api.patch(`/api/channels/${streamer.username}/chat-settings`, { showRecentChatOnly: false }, streamer.token)).status).toBe(200);
    expect((await chat.api.get(`/api/channels/${streamer.username}/chat/messages`)).body.items.map((message: { text: string }) => message.text)).toEqual(['long ago', 'just now']);
  });

  it('shows the messages of a deleted account as removed, from a nameless sender', async () => {
    const leaving = await new Given(platform).user();
    const sent = await chat.api.post(messages(), { text: 'goodbye all' }, leaving.token);
    expect((await chat.api.request('DELETE', '/api/users/me', { body: { password: leaving.password }, token: leaving.token })).status).toBe(204);

    const shown = async () => (await chat.api.get(messages())).body.items.find((message: { messageId: string }) => message.messageId === sent.body.messageId);
    expect(await shown()).toMatchObject({ senderId: leaving.userId, text: null });
    // The name goes once chat_history has read the deletion; the text is unreadable at once.
    await eventually(async () => expect(await shown()).toMatchObject({ sender: null, text: null }));
  });
});
