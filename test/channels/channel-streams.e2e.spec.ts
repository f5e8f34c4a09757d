import type { StreamHandle } from '@glint/streams';
import { eventually, expectStatus, until } from '@glint/testing';
import { type GivenUser, StreamsScenario, usePlatform } from '@glint/testing/platform';

const GATEWAY = 'gw-channel-page';
const EDIT_ONLY = { timeout: false, unTimeout: false, ban: false, unban: false, deleteMessage: false, edit: true };
const CHAT_ONLY = { timeout: true, unTimeout: true, ban: true, unban: true, deleteMessage: true, edit: false };

/**
 * A streamer goes live, is watched and ends, twice: the channel page (as anonymous readers get it,
 * cache and all) follows along, the past broadcasts page newest first, a broadcast's health is read
 * by those who run the channel, and support sees the broadcasts in the account's history and state.
 */
describe('a channel’s broadcasts over HTTP', () => {
  const glint = usePlatform();
  let streams: StreamsScenario;
  let ana: GivenUser;
  let ben: GivenUser;
  let editor: GivenUser;
  let chatMod: GivenUser;
  let bensEditor: GivenUser;
  let stranger: GivenUser;
  let support: GivenUser;
  let admin: GivenUser;
  let first: StreamHandle;
  let second: StreamHandle;
  let bens: StreamHandle;
  let whileLive: string;

  const page = async () => expectStatus(await glint.api.get(`/api/channels/${ana.username}`), 200, 'reading the channel page').body;
  const health = (username: string, streamId: string, token?: string, query = '') => glint.api.get(`/api/channels/${username}/streams/${streamId}/health${query}`, token);
  const appoint = async (channel: GivenUser, moderator: GivenUser, permissions: Record<string, boolean>) =>
    expectStatus(await glint.api.put(`/api/channels/${channel.username}/moderators/${moderator.username}`, { permissions }, channel.token), 200, 'appointing a moderator');

  beforeAll(async () => {
    streams = new StreamsScenario(glint.platform);
    [ana, ben, editor, chatMod, bensEditor, stranger, support, admin] = await Promise.all([
      glint.given.user(),
      glint.given.user(),
      glint.given.user(),
      glint.given.user(),
      glint.given.user(),
      glint.given.user(),
      glint.given.user({ staffRole: 'support' }),
      glint.given.user({ staffRole: 'admin' }),
    ]);
    await streams.gateway(GATEWAY);
    const anasChannel = await streams.channel(ana, { title: 'Ana plays', category: 'gaming' });
    const bensChannel = await streams.channel(ben, { title: 'Ben paints', category: 'art' });
    await appoint(ana, editor, EDIT_ONLY);
    await appoint(ana, chatMod, CHAT_ONLY);
    await appoint(ben, bensEditor, EDIT_ONLY);

    // Anonymous readers fill the page cache before the channel goes live: going live must reach them.
    for (let read = 0; read < 3; read++) expect(await page()).toMatchObject({ live: false, currentStream: null, recentStreams: [] });

    first = await streams.start(anasChannel, GATEWAY);
    let handle = await streams.health(first, { bitrateKbps: 3000 });
    handle = await streams.viewers(handle, 7);
    handle = await streams.health(handle, { bitrateKbps: 2800, packetsLost: 4 });
    // Well under the cache's 5 s maximum age: the page changes because going live was heard of.
    await eventually(async () => expect((await page()).currentStream?.viewers).toBe(7), { timeoutMs: 3_000 });
    whileLive = new Date().toISOString();
    // The end must happen strictly after the moment support asks about.
    await until('the clock to pass the moment while live', () => Date.now() > Date.parse(whileLive));
    await streams.end(handle, 'publisher_left');

    second = await streams.start(anasChannel, GATEWAY);
    await streams.end(await streams.viewers(second, 3), 'publisher_silent');
    bens = await streams.start(bensChannel, GATEWAY);
    await streams.health(bens);
  });
  afterAll(() => streams?.close());

  it('shows the channel live with its stream and viewers, then its broadcasts once ended, to anonymous readers', async () => {
    expect(first.streamId).not.toBe(second.streamId);
    const ended = await eventually(async () => {
      const shown = await page();
      expect(shown.recentStreams).toHaveLength(2);
      return shown;
    });
    expect(ended).toMatchObject({ live: false, currentStream: null, subscriberCount: 0 });
    expect(ended.recentStreams).toEqual([
      {
        streamId: second.streamId,
        title: 'Ana plays',
        category: 'gaming',
        startedAt: expect.any(String),
        endedAt: expect.any(String),
        durationSeconds: expect.any(Number),
        peakViewers: 3,
        averageViewers: 3,
        endReason: 'publisher_silent',
      },
      expect.objectContaining({ streamId: first.streamId, title: 'Ana plays', peakViewers: 7, endReason: 'publisher_left' }),
    ]);

    const live = await eventually(async () => {
      const shown = expectStatus(await glint.api.get(`/api/channels/${ben.username}`), 200, 'reading Ben’s page').body;
      expect(shown.live).toBe(true);
      return shown;
    });
    expect(live.currentStream).toEqual({ streamId: bens.streamId, title: 'Ben paints', category: 'art', startedAt: expect.any(String), viewers: 0 });
    expect(live.recentStreams).toEqual([]);
  });

  it('pages through the past broadcasts newest first, for anyone; an unknown channel is 404', async () => {
    const firstPage = expectStatus(await glint.api.get(`/api/channels/${ana.username}/streams?limit=1`), 200, 'reading the first page').body;
    expect(firstPage.items.map((item: { streamId: string }) => item.streamId)).toEqual([second.streamId]);
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    const next = expectStatus(await glint.api.get(`/api/channels/${ana.username}/streams?limit=1&cursor=${firstPage.nextCursor}`, stranger.token), 200, 'reading the next page').body;
    expect(next).toEqual({ items: [expect.objectContaining({ streamId: first.streamId, endReason: 'publisher_left', peakViewers: 7 })], nextCursor: null });
    // A broadcast still on air is not past yet.
    expect(expectStatus(await glint.api.get(`/api/channels/${ben.username}/streams`), 200, 'reading Ben’s broadcasts').body).toEqual({ items: [], nextCursor: null });
    expect((await glint.api.get('/api/channels/nobody_here/streams')).body).toMatchObject({ status: 404, error: 'channel_not_found' });
    expect((await glint.api.get(`/api/channels/${ana.username}/streams?cursor=nonsense`)).body).toMatchObject({ status: 400, error: 'invalid_cursor' });
  });

  it('answers a broadcast’s health samples in the order taken to its owner, its editors and staff', async () => {
    for (const reader of [ana, editor, support, admin]) {
      const samples = expectStatus(await health(ana.username, first.streamId, reader.token), 200, 'reading the health').body;
      expect(samples.items.map((sample: { bitrateKbps: number; packetsLost: number; viewers: number | null }) => [sample.bitrateKbps, sample.packetsLost, sample.viewers])).toEqual([
        [3000, 0, null],
        [2800, 4, 7],
      ]);
      expect(samples.items[0]).toMatchObject({ packets: 1000, width: 1280, height: 720, videoCodec: 'H264', audioCodec: 'opus', periodSeconds: 5, sampledAt: expect.any(String) });
    }
    const paged = expectStatus(await health(ana.username, first.streamId, ana.token, '?limit=1'), 200, 'reading one sample').body;
    expect(paged.items.map((sample: { bitrateKbps: number }) => sample.bitrateKbps)).toEqual([3000]);
    const rest = expectStatus(await health(ana.username, first.streamId, ana.token, `?limit=1&cursor=${paged.nextCursor}`), 200, 'reading the next sample').body;
    expect(rest).toEqual({ items: [expect.objectContaining({ bitrateKbps: 2800 })], nextCursor: null });
  });

  it('refuses a broadcast’s health to everyone else, and answers 404 for a broadcast the channel never had', async () => {
    for (const reader of [stranger, chatMod, bensEditor, ben]) {
      expect((await health(ana.username, first.streamId, reader.token)).body).toMatchObject({ status: 403, error: 'not_channel_editor' });
    }
    expect((await health(ana.username, first.streamId)).body).toMatchObject({ status: 401 });
    expect((await health(ana.username, bens.streamId, ana.token)).body).toMatchObject({ status: 404, error: 'stream_not_found' });
    expect((await health(ana.username, `${ana.userId}-99`, ana.token)).body).toMatchObject({ status: 404, error: 'stream_not_found' });
    expect((await health(ben.username, bens.streamId, bensEditor.token)).status).toBe(200);
  });

  it('shows support the broadcasts in the account’s history, and whether it was live at a moment', async () => {
    const reason = 'Ticket 97: stream dropped twice';
    const history = expectStatus(
      await glint.api.get(`/api/support/accounts/${ana.userId}/history?${new URLSearchParams({ reason, types: 'StreamStarted,StreamEnded' })}`, support.token),
      200,
      'reading the history',
    ).body;
    expect(history.items.map((entry: { type: string; data: { streamId: string; title?: string } }) => [entry.type, entry.data.streamId, entry.data.title])).toEqual([
      ['StreamEnded', second.streamId, undefined],
      ['StreamStarted', second.streamId, 'Ana plays'],
      ['StreamEnded', first.streamId, undefined],
      ['StreamStarted', first.streamId, 'Ana plays'],
    ]);

    const stateAt = async (asOf?: string) =>
      expectStatus(await glint.api.get(`/api/support/accounts/${ana.userId}/state?${new URLSearchParams({ reason, ...(asOf ? { asOf } : {}) })}`, support.token), 200, 'reading the state').body.broadcasts;
    expect(await stateAt(whileLive)).toEqual({
      live: true,
      streams: [{ streamId: first.streamId, title: 'Ana plays', category: 'gaming', startedAt: expect.any(String), endedAt: null, endReason: null }],
    });
    const now = await stateAt();
    expect(now.live).toBe(false);
    expect(now.streams.map((stream: { streamId: string; endReason: string }) => [stream.streamId, stream.endReason])).toEqual([
      [second.streamId, 'publisher_silent'],
      [first.streamId, 'publisher_left'],
    ]);
  });
});
