import { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '@glint/testing/database';
import { claimFollowers } from './go-live-claims';

const CHANNEL = 'channel-a';
const MINUTE_MS = 60_000;
const at = (minutes: number) => new Date(Date.UTC(2026, 11, 2, 20, 0) + minutes * MINUTE_MS);

describe('claiming followers for a go-live notification', () => {
  let database: TestDatabase;
  let orm: MikroORM;
  const claim = async (streamId: string, minutes: number) =>
    (await claimFollowers(orm.em.fork(), { channelId: CHANNEL, streamId, now: at(minutes) })).map((claimed) => claimed.followerId);
  const follow = (followerId: string, liveNotifications = true, deleted = false) =>
    orm.em.fork().execute(
      `INSERT INTO follows (channel_id, follower_id, channel_username, follower_username, live_notifications, followed_position, followed_at, follower_deleted)
       VALUES (?, ?, 'streamer', ?, ?, 1, now(), ?)`,
      [CHANNEL, followerId, followerId, liveNotifications, deleted],
      'run',
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    orm = MikroORM.initSync({ clientUrl: database.url, entities: [], discovery: { warnWhenNoEntities: false } });
    await follow('ana');
    await follow('ben');
    await follow('quiet', false);
    await follow('gone', true, true);
  });
  afterAll(async () => {
    await orm?.close(true);
    await database?.drop();
  });

  it('claims only followers who want live notifications and still have an account', async () => {
    expect(await claim('s-1', 0)).toEqual(['ana', 'ben']);
  });

  it('gives a retry of the same stream the same followers, however late it runs', async () => {
    expect(await claim('s-1', 5)).toEqual(['ana', 'ben']);
    expect(await claim('s-1', 120)).toEqual(['ana', 'ben']);
  });

  it.each([
    ['a stream exactly an hour later claims no one', 's-2', 60, []],
    ['a stream over an hour later claims them again', 's-3', 61, ['ana', 'ben']],
  ])('%s', async (_, streamId, minutes, claimed) => {
    expect(await claim(streamId, minutes)).toEqual(claimed);
  });

  it('leaves a follower claimed by a later stream to it, not to an earlier one retried', async () => {
    expect(await claim('s-1', 70)).toEqual([]);
  });

  it('claims a new follower at once, whatever the channel’s other followers got', async () => {
    await follow('cara');
    expect(await claim('s-4', 62)).toEqual(['cara']);
  });
});
