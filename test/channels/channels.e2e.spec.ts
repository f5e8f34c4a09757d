import { verifyStreamKey } from '@glint/channels';
import { commandContext, systemActor, type EventSourcedStreams } from '@glint/event-sourcing';
import { EVENT_SOURCED_STREAMS } from '@glint/runtime';
import { expectStatus } from '@glint/testing';
import { type GivenUser, appToken, headPosition, readModels, service, usePlatform } from '@glint/testing/platform';

const STREAM_KEY = /^[0-9a-f-]{36}-[0-9A-Za-z]{64}$/;

describe('channels over HTTP', () => {
  const glint = usePlatform();
  let ana: GivenUser;
  let ben: GivenUser;
  let editor: GivenUser;
  let admin: GivenUser;
  let anaStreamKey: string;

  beforeAll(async () => {
    [ana, ben, editor, admin] = await Promise.all([glint.given.user(), glint.given.user(), glint.given.user(), glint.given.user({ staffRole: 'admin' })]);
    const created = expectStatus(await glint.api.post('/api/channels', { title: 'Ana plays', tags: ['Speed Run'] }, ana.token), 201, 'creating a channel');
    anaStreamKey = created.body.streamKey;
    expectStatus(await glint.api.put(`/api/channels/${ana.username}/moderators/${editor.username}`, { permissions: { timeout: false, unTimeout: false, ban: false, unban: false, deleteMessage: false, edit: true } }, ana.token), 200, 'appointing an editor');
  });

  describe('creating', () => {
    it('opens the caller’s channel with the defaults and answers its stream key once', async () => {
      const response = await glint.api.post('/api/channels', undefined, ben.token);
      expect(response.status).toBe(201);
      expect(response.body.streamKey).toMatch(STREAM_KEY);
      expect(response.body.streamKey.startsWith(`${ben.userId}-`)).toBe(true);
      expect(response.body.channel).toEqual({
        channelId: ben.userId,
        username: ben.username,
        title: 'Live Stream!',
        category: 'gaming',
        subcategory: null,
        tags: [],
        language: 'en',
        mature: false,
        live: false,
        currentStream: null,
        followerCount: 0,
        subscriberCount: 0,
        recentStreams: [],
        chatRules: '',
        chatSettings: { blockLinks: false, requireConfirmedEmail: false, minimumAccountAgeHours: 0, showRecentChatOnly: false },
      });
      expect(await verifyStreamKey(readModels(glint.platform), ben.username, response.body.streamKey)).toBe(ben.userId);
    });

    it('refuses a second channel with 409 and records nothing', async () => {
      const before = await headPosition(glint.platform);
      const response = await glint.api.post('/api/channels', { title: 'Again' }, ana.token);
      expect(response.status).toBe(409);
      expect(response.body.error).toBe('channel_exists');
      expect(await headPosition(glint.platform)).toBe(before);
    });

    it('asks an anonymous caller to sign in', async () => {
      const response = await glint.api.post('/api/channels', {});
      expect(response.status).toBe(401);
    });
  });

  describe('the public page', () => {
    // Going live, viewers and past broadcasts on the page: channel-streams.e2e.spec.ts. Nothing records subscriptions yet.
    it('shows the channel to anyone, by its username in any case, without the stream key; off air before its first broadcast', async () => {
      const response = await glint.api.get(`/api/channels/${ana.username.toUpperCase()}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ channelId: ana.userId, username: ana.username, title: 'Ana plays', tags: ['speed-run'], live: false, currentStream: null, subscriberCount: 0, recentStreams: [] });
      expect(JSON.stringify(response.body)).not.toContain(anaStreamKey.slice(-64));
    });

    it('answers 404 for a channel nobody created', async () => {
      const response = await glint.api.get(`/api/channels/${admin.username}`);
      expect(response.status).toBe(404);
      expect(response.body.error).toBe('channel_not_found');
    });

    it('serves an app token with the public scope and refuses one without it', async () => {
      const withPublic = await appToken(glint.api, ben.token, ['public']);
      const chatOnly = await appToken(glint.api, ben.token, ['chat']);
      expect((await glint.api.get(`/api/channels/${ana.username}`, withPublic)).status).toBe(200);
      const refused = await glint.api.get(`/api/channels/${ana.username}`, chatOnly);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toBe('missing_scope');
    });
  });

  describe('changing the info', () => {
    it('shows the owner’s change on the very next read', async () => {
      const response = await glint.api.patch(`/api/channels/${ana.username}`, { title: '  بث مباشر 🔴  ', category: 'art', subcategory: 'Pixel art', tags: ['Pixel Art', 'pixel  art', 'retro'], language: 'ar', mature: true }, ana.token);
      expect(response.status).toBe(200);
      const page = await glint.api.get(`/api/channels/${ana.username}`);
      expect(page.body).toMatchObject({ title: 'بث مباشر 🔴', category: 'art', subcategory: 'Pixel art', tags: ['pixel-art', 'retro'], language: 'ar', mature: true });
      expect(response.body).toEqual(page.body);
    });

    it('records nothing when nothing changes', async () => {
      const before = await headPosition(glint.platform);
      expect((await glint.api.patch(`/api/channels/${ana.username}`, { category: 'art' }, ana.token)).status).toBe(200);
      expect(await headPosition(glint.platform)).toBe(before);
    });

    it.each([
      ['an editor changes the title and tags', () => editor, { title: 'Edited by the editor', tags: ['edited'] }, 200, undefined],
      ['an admin changes the mature flag', () => admin, { mature: false }, 200, undefined],
      ['an editor may not change the language', () => editor, { language: 'de' }, 403, 'editor_may_not_change'],
      ['an editor may not change the mature flag', () => editor, { title: 'x', mature: true }, 403, 'editor_may_not_change'],
      ['another user may not change anything', () => ben, { title: 'Hijacked' }, 403, 'not_channel_editor'],
    ])('%s', async (_, who, body, status, error) => {
      const before = await headPosition(glint.platform);
      const response = await glint.api.patch(`/api/channels/${ana.username}`, body, who().token);
      expect(response.status).toBe(status);
      if (error) {
        expect(response.body.error).toBe(error);
        expect(await headPosition(glint.platform)).toBe(before);
      } else {
        expect((await glint.api.get(`/api/channels/${ana.username}`)).body).toMatchObject(body);
      }
    });

    it('decides on the channel as stored when another process changed it since this one last did', async () => {
      expect((await glint.api.patch(`/api/channels/${ana.username}`, { title: 'Before the other process' }, ana.token)).status).toBe(200);
      // Another platform process changes the title: this one hears of it only through the log.
      await service<EventSourcedStreams>(glint.platform, EVENT_SOURCED_STREAMS).append(
        `channel-${ana.userId}`,
        [{ type: 'ChannelInfoUpdated', data: { channelId: ana.userId, ownerId: ana.userId, editorId: ana.userId, changes: { title: 'Changed elsewhere' } } }],
        commandContext(systemActor()),
        'any',
        { readYourWrites: true },
      );

      const before = await headPosition(glint.platform);
      const back = await glint.api.patch(`/api/channels/${ana.username}`, { title: 'Before the other process' }, ana.token);
      expect(back.status).toBe(200);
      expect(back.body.title).toBe('Before the other process');
      expect(await headPosition(glint.platform)).toBe(before + 1);
      expect((await glint.api.get(`/api/channels/${ana.username}`)).body.title).toBe('Before the other process');

      const again = await glint.api.patch(`/api/channels/${ana.username}`, { title: 'After the other process', tags: ['again'] }, ana.token);
      expect(again.status).toBe(200);
      expect((await glint.api.get(`/api/channels/${ana.username}`)).body).toMatchObject({ title: 'After the other process', tags: ['again'] });
    });

    it('asks an anonymous caller to sign in and 404s an unknown channel', async () => {
      expect((await glint.api.patch(`/api/channels/${ana.username}`, { title: 'x' })).status).toBe(401);
      expect((await glint.api.patch('/api/channels/nobody_here', { title: 'x' }, ana.token)).status).toBe(404);
    });
  });

  describe('changing the chat settings', () => {
    it('lets the owner change them, seen on the next read', async () => {
      const response = await glint.api.patch(`/api/channels/${ana.username}/chat-settings`, { chatRules: '# Be kind\n\nNo spoilers.', blockLinks: true, requireConfirmedEmail: true, minimumAccountAgeHours: 720, showRecentChatOnly: true }, ana.token);
      expect(response.status).toBe(200);
      expect((await glint.api.get(`/api/channels/${ana.username}`)).body).toMatchObject({
        chatRules: '# Be kind\n\nNo spoilers.',
        chatSettings: { blockLinks: true, requireConfirmedEmail: true, minimumAccountAgeHours: 720, showRecentChatOnly: true },
      });
    });

    it.each([
      ['an admin may', () => admin, 200, undefined],
      ['an editor may not', () => editor, 403, 'editor_may_not_change'],
      ['another user may not', () => ben, 403, 'not_channel_owner'],
    ])('%s', async (_, who, status, error) => {
      const response = await glint.api.patch(`/api/channels/${ana.username}/chat-settings`, { minimumAccountAgeHours: 24 }, who().token);
      expect(response.status).toBe(status);
      expect(response.body.error).toBe(error);
    });
  });

  describe('refusing bad input with a 400 that names the field, recording nothing', () => {
    it.each<[string, string, Record<string, unknown>, string]>([
      ['a title of 251 characters', '', { title: 't'.repeat(251) }, 'title'],
      ['an empty title', '', { title: '   ' }, 'title'],
      ['a title that is a number', '', { title: 42 }, 'title'],
      ['a null title', '', { title: null }, 'title'],
      ['a title with a right-to-left override', '', { title: 'evil\u202Eeman' }, 'title'],
      ['a title with a zero-width space', '', { title: 'free\u200Bstuff' }, 'title'],
      ['eleven tags', '', { tags: Array.from({ length: 11 }, (_, index) => `tag${index}`) }, 'tags'],
      ['tags that are not a list', '', { tags: 'speedrun' }, 'tags'],
      ['a tag that is a number', '', { tags: [7] }, 'tags'],
      ['a tag with an emoji', '', { tags: ['fire🔥'] }, 'tags'],
      ['a tag in a right-to-left script', '', { tags: ['مباشر'] }, 'tags'],
      ['a tag with a zero-width joiner', '', { tags: ['speed\u200Drun'] }, 'tags'],
      ['a language that is not ISO 639-1', '', { language: 'klingon' }, 'language'],
      ['an unknown category', '', { category: 'sports' }, 'category'],
      ['a subcategory of 51 characters', '', { subcategory: 's'.repeat(51) }, 'subcategory'],
      ['a mature flag as text', '', { mature: 'yes' }, 'mature'],
      ['an unknown field', '', { title: 'ok', streamKey: 'mine' }, 'streamKey'],
      ['a minimum account age of 721 hours', '/chat-settings', { minimumAccountAgeHours: 721 }, 'minimumAccountAgeHours'],
      ['a minimum account age as text', '/chat-settings', { minimumAccountAgeHours: '5' }, 'minimumAccountAgeHours'],
      ['a fractional minimum account age', '/chat-settings', { minimumAccountAgeHours: 1.5 }, 'minimumAccountAgeHours'],
      ['chat rules of 8193 characters', '/chat-settings', { chatRules: 'r'.repeat(8193) }, 'chatRules'],
      ['block links as a number', '/chat-settings', { blockLinks: 1 }, 'blockLinks'],
      ['a field of the channel info', '/chat-settings', { title: 'wrong place' }, 'title'],
    ])('%s', async (_, path, body, field) => {
      const before = await headPosition(glint.platform);
      const response = await glint.api.patch(`/api/channels/${ana.username}${path}`, body, ana.token);
      expect(response.status).toBe(400);
      expect(response.body.field).toBe(field);
      expect(response.body.detail).toEqual(expect.any(String));
      expect(await headPosition(glint.platform)).toBe(before);
    });

    it('refuses bad initial settings of a new channel the same way', async () => {
      const newcomer = await glint.given.user();
      const before = await headPosition(glint.platform);
      const response = await glint.api.post('/api/channels', { title: 'Fine', tags: ['ok', 'not ok!'] }, newcomer.token);
      expect(response.status).toBe(400);
      expect(response.body.field).toBe('tags');
      expect(await headPosition(glint.platform)).toBe(before);
      expect((await glint.api.get(`/api/channels/${newcomer.username}`)).status).toBe(404);
    });

    it('refuses a change that names no field', async () => {
      const response = await glint.api.patch(`/api/channels/${ana.username}`, {}, ana.token);
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('no_changes');
    });
  });

  it('documents its routes in the OpenAPI document', async () => {
    const document = await glint.api.get('/api/docs-json');
    expect(document.status).toBe(200);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining([
        '/api/channels',
        '/api/channels/{username}',
        '/api/channels/{username}/chat-settings',
        '/api/channels/{username}/stream-key',
        '/api/channels/{username}/streams',
        '/api/channels/{username}/streams/{streamId}/health',
      ]));
    expect(document.body.components.schemas.CreateChannelDto.properties).toHaveProperty('minimumAccountAgeHours');
  });

  describe('rotating the stream key', () => {
    it('gives the owner a new key at once, and the old one stops opening the channel', async () => {
      const response = await glint.api.post(`/api/channels/${ana.username}/stream-key`, undefined, ana.token);
      expect(response.status).toBe(200);
      expect(response.body.streamKey).toMatch(STREAM_KEY);
      expect(await verifyStreamKey(readModels(glint.platform), ana.username, response.body.streamKey)).toBe(ana.userId);
      expect(await verifyStreamKey(readModels(glint.platform), ana.username, anaStreamKey)).toBeNull();
    });

    it.each([
      ['an admin', () => admin, 403],
      ['an editor', () => editor, 403],
      ['another user', () => ben, 403],
    ])('is refused to %s, recording nothing', async (_, who, status) => {
      const before = await headPosition(glint.platform);
      const response = await glint.api.post(`/api/channels/${ana.username}/stream-key`, undefined, who().token);
      expect(response.status).toBe(status);
      expect(response.body.error).toBe('not_channel_owner');
      expect(await headPosition(glint.platform)).toBe(before);
    });
  });
});
