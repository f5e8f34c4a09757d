import type { ProjectionEngine, ProjectionLogEntry } from '@glint/projection-engine';
import { channelPage, readChannel, readChannelByUsername } from '@glint/projections/channel-page';
import { verifyStreamKey } from './queries/verify-stream-key';
// The channels context's own stream keys, not exported: the page's key hash is tested against them.
import { hashStreamKey, newStreamKey } from './stream-key';
import { engineFor, record, tableRows } from '@glint/testing/projections';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';

const ANA = 'a0000000-0000-4000-8000-000000000001';
const BEN = 'b0000000-0000-4000-8000-000000000002';
const CLEO = 'c0000000-0000-4000-8000-000000000003';

const chatSettings = { chatRules: '', blockLinks: false, requireConfirmedEmail: false, minimumAccountAgeHours: 0, showRecentChatOnly: false };
const channelCreated = (channelId: string, username: string, streamKey: string) => ({
  type: 'ChannelCreated',
  data: { channelId, ownerId: channelId, username, title: 'Live Stream!', category: 'gaming', subcategory: null, tags: [], language: 'en', mature: false, chatSettings, streamKeyHash: hashStreamKey(streamKey) },
  occurredAt: '2026-11-24T10:00:00.000Z',
});
const followed = (channelId: string, followerId: string) => ({ type: 'ChannelFollowed', data: { channelId, followerId, liveNotifications: true, channelUsername: 'x', followerUsername: 'y' } });
const unfollowed = (channelId: string, followerId: string) => ({ type: 'ChannelUnfollowed', data: { channelId, followerId } });

describe('channel_page', () => {
  let opened: TestStore;
  let engine: ProjectionEngine;
  let errors: ProjectionLogEntry[];
  const anaFirstKey = newStreamKey(ANA);
  const anaSecondKey = newStreamKey(ANA);
  const benKey = newStreamKey(BEN);

  beforeAll(async () => {
    opened = await openTestStore();
    ({ engine, errors } = engineFor(opened, [channelPage]));
    // Created, followed and changed in one batch: every handler must find the row the first one made.
    await record(
      opened.store,
      `channel-${ANA}`,
      channelCreated(ANA, 'Ana', anaFirstKey),
      { type: 'ChannelInfoUpdated', data: { channelId: ANA, ownerId: ANA, editorId: BEN, changes: { title: 'Speedruns 🔴', tags: ['speedrun', 'retro'], subcategory: 'Platformers' } }, occurredAt: '2026-11-24T11:00:00.000Z' },
      { type: 'ChannelChatSettingsUpdated', data: { channelId: ANA, ownerId: ANA, editorId: ANA, changes: { chatRules: '# Be kind', minimumAccountAgeHours: 48, blockLinks: true } }, occurredAt: '2026-11-24T11:30:00.000Z' },
      { type: 'StreamKeyRotated', data: { channelId: ANA, ownerId: ANA, keyHash: hashStreamKey(anaSecondKey) } },
    );
    await record(opened.store, `channel-${BEN}`, channelCreated(BEN, 'ben', benKey));
    await record(opened.store, `follow-${ANA}-${BEN}`, followed(ANA, BEN));
    await record(opened.store, `follow-${ANA}-${CLEO}`, followed(ANA, CLEO), unfollowed(ANA, CLEO), followed(ANA, CLEO));
    await record(opened.store, `follow-${BEN}-${CLEO}`, followed(BEN, CLEO));
    await record(opened.store, `follow-${BEN}-${ANA}`, followed(BEN, ANA));
    // Ben deletes his account: his page goes; Ana's follower count keeps his follow, as the log does.
    const head = await record(opened.store, `user-${BEN}`, { type: 'AccountDeleted', data: { userId: BEN, username: 'ben' }, occurredAt: '2026-11-24T13:00:00.000Z' });
    await engine.catchUp('channel_page', head);
  });
  afterAll(async () => {
    await engine?.stop();
    await closeTestStore(opened ?? {});
  });

  it('shows a channel with every change applied, found by its username in any case', async () => {
    const expected = {
      channelId: ANA,
      ownerId: ANA,
      username: 'Ana',
      title: 'Speedruns 🔴',
      category: 'gaming',
      subcategory: 'Platformers',
      tags: ['speedrun', 'retro'],
      language: 'en',
      mature: false,
      chatRules: '# Be kind',
      chatSettings: { blockLinks: true, requireConfirmedEmail: false, minimumAccountAgeHours: 48, showRecentChatOnly: false },
      followerCount: 2,
      deleted: false,
    };
    expect(await readChannelByUsername(engine.entityManager(), 'aNA')).toEqual(expected);
    expect(await readChannel(engine.entityManager(), ANA)).toEqual(expected);
  });

  it('shows the channel of a deleted account as deleted, and nothing for a channel never created', async () => {
    expect(await readChannelByUsername(engine.entityManager(), 'ben')).toMatchObject({ channelId: BEN, deleted: true });
    expect(await readChannel(engine.entityManager(), CLEO)).toBeNull();
    expect(await readChannelByUsername(engine.entityManager(), 'cleo')).toBeNull();
  });

  it.each([
    ['the current key, by username', () => 'ana', () => anaSecondKey, ANA],
    ['the current key, by channel id', () => ANA, () => anaSecondKey, ANA],
    ['the key it replaced', () => 'ana', () => anaFirstKey, null],
    ["another channel's key", () => 'ana', () => benKey, null],
    ['the key of a deleted account', () => 'ben', () => benKey, null],
    ['any key of an unknown channel', () => 'cleo', () => anaSecondKey, null],
  ])('opens the stream to %s', async (_, channel, key, expected) => {
    expect(await verifyStreamKey(engine.entityManager(), channel(), key())).toBe(expected);
  });

  it('rebuilds the same rows from the log', async () => {
    const live = await tableRows(opened.sql, 'channel_page', 'channel_id');
    const liveKeys = await tableRows(opened.sql, 'channel_stream_keys', 'channel_id');
    expect(live).toHaveLength(2);
    expect(liveKeys).toHaveLength(1);
    await engine.rebuild(['channel_page']);
    expect(await tableRows(opened.sql, 'channel_page', 'channel_id')).toEqual(live);
    expect(await tableRows(opened.sql, 'channel_stream_keys', 'channel_id')).toEqual(liveKeys);
    expect(errors).toEqual([]);
  });
});
