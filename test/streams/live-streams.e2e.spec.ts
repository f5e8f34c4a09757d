import { expectStatus, until } from '@glint/testing';
import { ChatScenario, Given, type GivenUser, startPlatformUnderTest, type PlatformUnderTest, StreamsScenario } from '@glint/testing/platform';


const GATEWAY_LOST_AFTER_MS = 3000;

describe('live streams', () => {
  let platform: PlatformUnderTest;
  let streams: StreamsScenario;
  let chat: ChatScenario;
  let given: Given;

  beforeAll(async () => {
    platform = await startPlatformUnderTest({ env: { GATEWAY_LOST_AFTER_MS: String(GATEWAY_LOST_AFTER_MS), PUBLIC_WEB_URL: 'https://glint.test' } });
    streams = new StreamsScenario(platform);
    chat = new ChatScenario(platform);
    given = new Given(platform);
    await streams.gateway('gw-steady');
  });
  afterAll(async () => {
    streams?.close();
    chat?.closeSockets();
    await platform?.close();
  });

  async function live(owner: GivenUser, info: Record<string, unknown>, gatewayId = 'gw-steady') {
    const channelId = await streams.channel(owner, info);
    return streams.start(channelId, gatewayId);
  }

  describe('the listing', () => {
    let ana: GivenUser;
    let ids: { speedrun: string; painting: string; mature: string; german: string };

    beforeAll(async () => {
      const [a, b, c, d] = await Promise.all([given.user(), given.user(), given.user(), given.user()]);
      ana = a;
      const speedrun = await live(a, { title: 'Speedrun night', category: 'gaming', tags: ['speedrun', 'retro'] });
      const painting = await live(b, { title: 'Oils', category: 'art', tags: ['painting'] });
      const mature = await live(c, { title: 'Late horror', category: 'gaming', tags: ['horror', 'retro'], mature: true });
      const german = await live(d, { title: 'Gemütlich', category: 'irl', language: 'de' });
      await streams.viewers(painting, 40);
      await streams.viewers(speedrun, 12);
      ids = { speedrun: speedrun.streamId, painting: painting.streamId, mature: mature.streamId, german: german.streamId };
      await until('the four streams listed, most watched first', async () => (await streams.listed('&sort=viewers')).join() === [ids.painting, ids.speedrun, ids.german, ids.mature].join(), { timeoutMs: 10_000 });
    });

    it('lists most watched first, then newest; or newest first', async () => {
      expect(await streams.listed('&sort=recent')).toEqual([ids.german, ids.mature, ids.painting, ids.speedrun]);
    });

    it('shows what a listing card needs, with the watch page address', async () => {
      const listing = expectStatus(await streams.api.get('/api/streams/live?category=gaming&tags=speedrun', ana.token), 200, 'reading the listing');
      expect(listing.body).toEqual({
        items: [
          {
            streamId: ids.speedrun,
            channel: ana.username,
            title: 'Speedrun night',
            category: 'gaming',
            subcategory: null,
            tags: ['speedrun', 'retro'],
            language: 'en',
            mature: false,
            viewers: 12,
            peakViewers: 12,
            startedAt: expect.any(String),
            watchUrl: `https://glint.test/${ana.username}`,
          },
        ],
        nextCursor: null,
      });
    });

    it.each([
      ['&category=gaming', ['speedrun', 'mature']],
      ['&tags=retro', ['speedrun', 'mature']],
      ['&tags=RETRO,horror', ['mature']],
      ['&tags=retro&tags=painting', []],
      ['&language=de', ['german']],
      ['&mature=false', ['painting', 'speedrun', 'german']],
      ['&mature=true', ['mature']],
    ] as const)('filters by %s', async (query, expected) => {
      expect(await streams.listed(`&sort=viewers${query}`)).toEqual(expected.map((name) => ids[name]));
    });

    it('pages with the cursor it gives out', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ streamId: string }>; nextCursor: string | null } } = expectStatus(await streams.api.get(`/api/streams/live?sort=recent&limit=3${cursor ? `&cursor=${cursor}` : ''}`), 200, 'reading a page');
        seen.push(...page.body.items.map((stream) => stream.streamId));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([ids.german, ids.mature, ids.painting, ids.speedrun]);
    });

    it.each([
      ['sort=popular', 'sort'],
      ['mature=yes', 'mature'],
      ['category=cooking', 'category'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['tags=no%20spaces!', 'tags'],
      ['cursor=bm90IGEgY3Vyc29y', 'cursor'],
    ])('refuses %s', async (query, field) => {
      const refused = await streams.api.get(`/api/streams/live?${query}`);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ field });
    });

    it('follows the channel’s info while live', async () => {
      expectStatus(await streams.api.patch(`/api/channels/${ana.username}`, { title: 'Any% attempts', tags: ['speedrun'] }, ana.token), 200, 'changing the channel');
      const changed = await until('the stream to take the channel’s new title', async () => (await streams.streamEvents(ids.speedrun)).find((event) => event.type === 'StreamMetadataChanged'), { timeoutMs: 10_000 });
      expect(changed.data).toEqual({ streamId: ids.speedrun, channelId: ana.userId, changes: { title: 'Any% attempts', tags: ['speedrun'] } });
      expect(changed.metadata.actor).toEqual({ type: 'system', id: 'gateway-lost-sweeper' });
      await until('the listing to drop the old tags', async () => (await streams.listed('&tags=speedrun,retro')).length === 0, { timeoutMs: 10_000 });
    });
  });

  it('ends the streams of a gateway that stopped beating, and drops them from the listing', async () => {
    await streams.gateway('gw-dying');
    const handle = await live(await given.user(), { title: 'On a doomed gateway' }, 'gw-dying');
    await until('the stream listed', async () => (await streams.listed()).includes(handle.streamId), { timeoutMs: 10_000 });
    await streams.stopBeating('gw-dying');
    const stoppedAt = Date.now();

    const ended = await until('the worker to end the stream', async () => (await streams.streamEvents(handle.streamId)).find((event) => event.type === 'StreamEnded'));
    expect(Date.now() - stoppedAt).toBeLessThanOrEqual(GATEWAY_LOST_AFTER_MS + 2000);
    expect(ended.data).toMatchObject({ reason: 'gateway_lost', gatewayId: 'gw-dying', endedBy: null });
    expect(ended.metadata.actor).toEqual({ type: 'system', id: 'gateway-lost-sweeper' });
    await until('the listing to drop the stream', async () => !(await streams.listed()).includes(handle.streamId));
  });

  it('never lists a stream whose gateway has not beaten for 15 s, worker or not', async () => {
    await streams.gateway('gw-silent');
    const handle = await live(await given.user(), { title: 'Behind a silent gateway' }, 'gw-silent');
    await until('the stream listed', async () => (await streams.listed()).includes(handle.streamId), { timeoutMs: 10_000 });
    // The last beat is older than the listing's guard; the worker's end may not have reached the listing yet.
    await streams.stopBeating('gw-silent', 16);
    expect(await streams.listed()).not.toContain(handle.streamId);
  });

  it('pushes stream_started and stream_ended to the streams topic', async () => {
    const owner = await given.user();
    const channelId = await streams.channel(owner, { title: 'On the air' });
    const socket = await chat.socket(undefined, '/ws/live');
    expect(await socket.request('subscribe', { topic: 'streams' }, ['subscribed', 'error'])).toMatchObject({ event: 'subscribed' });
    const ofThisChannel = (event: string) => (frame: { event: string; data: any }) => frame.event === event && frame.data.channelId === channelId;

    const handle = await streams.start(channelId, 'gw-steady');
    expect(await socket.next(ofThisChannel('stream_started'))).toMatchObject({
      event: 'stream_started',
      id: expect.any(String),
      data: { streamId: handle.streamId, channelId, channel: owner.username, title: 'On the air' },
    });
    await streams.end(handle, 'publisher_left');
    expect((await socket.next(ofThisChannel('stream_ended'))).data).toMatchObject({ streamId: handle.streamId, channelId, reason: 'publisher_left' });
  });

  describe('staff shutdown', () => {
    it('ends the stream for admin and support, naming who; not live is 404', async () => {
      const [owner, admin, support, user] = await Promise.all([given.user(), given.user({ staffRole: 'admin' }), given.user({ staffRole: 'support' }), given.user()]);
      const handle = await live(owner, { title: 'Breaks the rules' });
      const shutdown = (by: GivenUser, body: unknown = { reason: 'Shows a rerun of a film' }) => streams.api.post(`/api/streams/${owner.username}/shutdown`, body, by.token);

      expect((await shutdown(user)).body).toMatchObject({ error: 'staff_only' });
      expect((await shutdown(admin, { reason: '' })).status).toBe(400);
      expect((await shutdown(admin)).status).toBe(204);
      const ended = (await streams.streamEvents(handle.streamId)).find((event) => event.type === 'StreamEnded');
      expect(ended?.data).toMatchObject({ reason: 'staff_shutdown', endedBy: admin.userId, note: 'Shows a rerun of a film' });
      expect(ended?.metadata.actor).toEqual({ type: 'user', userId: admin.userId, role: 'admin' });

      const again = await shutdown(support);
      expect(again.status).toBe(404);
      expect(again.body).toMatchObject({ error: 'not_live' });
      expect((await streams.api.post('/api/streams/nobody_here_at_all/shutdown', { reason: 'x' }, admin.token)).body).toMatchObject({ error: 'channel_not_found' });
    });
  });
});
