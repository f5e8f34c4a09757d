import type { ProjectionEngine, ProjectionLogEntry } from '@glint/projection-engine';
import { countFollowers, countFollowing, listFollowers, listFollowing } from './queries';
import { ValidationError } from '@glint/domain-errors';
import { engineFor, record, tableRows } from '@glint/testing/projections';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { follows } from './projection';

const ANA = 'a0000000-0000-4000-8000-000000000001';
const BEN = 'b0000000-0000-4000-8000-000000000002';
const CLEO = 'c0000000-0000-4000-8000-000000000003';
const DEE = 'd0000000-0000-4000-8000-000000000004';
const usernames: Record<string, string> = { [ANA]: 'ana', [BEN]: 'ben', [CLEO]: 'cleo', [DEE]: 'dee' };

const followed = (channelId: string, followerId: string, occurredAt: string) => ({
  type: 'ChannelFollowed',
  data: { channelId, followerId, liveNotifications: true, channelUsername: usernames[channelId], followerUsername: usernames[followerId] },
  occurredAt,
});

describe('follows', () => {
  let opened: TestStore;
  let engine: ProjectionEngine;
  let errors: ProjectionLogEntry[];

  beforeAll(async () => {
    opened = await openTestStore();
    ({ engine, errors } = engineFor(opened, [follows]));
    await record(opened.store, `follow-${ANA}-${BEN}`, followed(ANA, BEN, '2026-11-24T10:00:00.000Z'));
    await record(
      opened.store,
      `follow-${ANA}-${CLEO}`,
      followed(ANA, CLEO, '2026-11-24T10:01:00.000Z'),
      { type: 'FollowNotificationsChanged', data: { channelId: ANA, followerId: CLEO, liveNotifications: false } },
      { type: 'ChannelUnfollowed', data: { channelId: ANA, followerId: CLEO } },
      followed(ANA, CLEO, '2026-11-24T10:05:00.000Z'),
    );
    await record(opened.store, `follow-${ANA}-${DEE}`, followed(ANA, DEE, '2026-11-24T10:03:00.000Z'));
    await record(opened.store, `follow-${BEN}-${DEE}`, followed(BEN, DEE, '2026-11-24T10:04:00.000Z'));
    await record(opened.store, `follow-${CLEO}-${DEE}`, followed(CLEO, DEE, '2026-11-24T10:06:00.000Z'), { type: 'ChannelUnfollowed', data: { channelId: CLEO, followerId: DEE } });
    // Dee deletes the account: the follows stay counted, and the lists show a deleted account.
    const head = await record(opened.store, `user-${DEE}`, { type: 'AccountDeleted', data: { userId: DEE, username: 'dee' } });
    await engine.catchUp('follows', head);
  });
  afterAll(async () => {
    await engine?.stop();
    await closeTestStore(opened ?? {});
  });

  it('counts followers and followings, deleted accounts included', async () => {
    const em = engine.entityManager();
    expect(await Promise.all([countFollowers(em, ANA), countFollowers(em, BEN), countFollowers(em, CLEO), countFollowers(em, DEE)])).toEqual([3, 1, 0, 0]);
    expect(await Promise.all([countFollowing(em, ANA), countFollowing(em, BEN), countFollowing(em, CLEO), countFollowing(em, DEE)])).toEqual([0, 1, 1, 2]);
  });

  it('pages through followers newest first; a follow after an unfollow is new', async () => {
    const em = engine.entityManager();
    const first = await listFollowers(em, ANA, { limit: 2 });
    expect(first).toMatchObject({
      total: 3,
      items: [
        { userId: DEE, username: null, deleted: true, followedAt: new Date('2026-11-24T10:03:00.000Z') },
        { userId: CLEO, username: 'cleo', deleted: false, followedAt: new Date('2026-11-24T10:05:00.000Z') },
      ],
    });
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(await listFollowers(em, ANA, { limit: 2, cursor: first.nextCursor! })).toEqual({
      total: 3,
      items: [{ userId: BEN, username: 'ben', deleted: false, followedAt: new Date('2026-11-24T10:00:00.000Z') }],
      nextCursor: null,
    });
  });

  it('lists the channels a user follows, a deleted account as deleted', async () => {
    expect(await listFollowing(engine.entityManager(), DEE, { limit: 10 })).toEqual({
      total: 2,
      items: [
        { userId: BEN, username: 'ben', deleted: false, followedAt: new Date('2026-11-24T10:04:00.000Z') },
        { userId: ANA, username: 'ana', deleted: false, followedAt: new Date('2026-11-24T10:03:00.000Z') },
      ],
      nextCursor: null,
    });
    expect(await listFollowing(engine.entityManager(), BEN, { limit: 10 })).toMatchObject({ total: 1, items: [{ userId: ANA }] });
  });

  it('refuses a cursor it did not give out', async () => {
    const refused = listFollowers(engine.entityManager(), ANA, { limit: 2, cursor: '1 OR 1=1' });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ code: 'invalid_cursor', field: 'cursor' });
  });

  it('rebuilds the same rows from the log', async () => {
    const live = await tableRows(opened.sql, 'follows', 'channel_id, follower_id');
    const liveCounts = await tableRows(opened.sql, 'follow_counts', 'user_id');
    expect(live).toHaveLength(4);
    await engine.rebuild(['follows']);
    expect(await tableRows(opened.sql, 'follows', 'channel_id, follower_id')).toEqual(live);
    expect(await tableRows(opened.sql, 'follow_counts', 'user_id')).toEqual(liveCounts);
    expect(errors).toEqual([]);
  });
});
