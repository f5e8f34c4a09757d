import type { ProjectionEngine, ProjectionLogEntry } from '@glint/projection-engine';
import { listModerators, readModeratorPermissions } from '@glint/channels';
import { engineFor, record, tableRows } from '@glint/testing/projections';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { channelModerators } from './projection';

const ANA = 'a0000000-0000-4000-8000-000000000001';
const BEN = 'b0000000-0000-4000-8000-000000000002';
const CLEO = 'c0000000-0000-4000-8000-000000000003';
const DEE = 'd0000000-0000-4000-8000-000000000004';

const none = { timeout: false, unTimeout: false, ban: false, unban: false, deleteMessage: false, edit: false };
const appointed = (moderatorId: string, moderatorUsername: string, permissions: object, occurredAt: string) => ({
  type: 'ModeratorAppointed',
  data: { channelId: ANA, ownerId: ANA, moderatorId, moderatorUsername, permissions: { ...none, ...permissions }, changedBy: ANA },
  occurredAt,
});

describe('channel_moderators', () => {
  let opened: TestStore;
  let engine: ProjectionEngine;
  let errors: ProjectionLogEntry[];

  beforeAll(async () => {
    opened = await openTestStore();
    ({ engine, errors } = engineFor(opened, [channelModerators]));
    await record(
      opened.store,
      `moderators-${ANA}`,
      appointed(BEN, 'ben', { timeout: true }, '2026-11-24T10:00:00.000Z'),
      appointed(CLEO, 'cleo', { ban: true, unban: true }, '2026-11-24T11:00:00.000Z'),
      appointed(DEE, 'dee', { edit: true }, '2026-11-24T12:00:00.000Z'),
      { type: 'ModeratorPermissionsChanged', data: { channelId: ANA, ownerId: ANA, moderatorId: BEN, permissions: { ...none, timeout: true, unTimeout: true, deleteMessage: true }, changedBy: ANA } },
      { type: 'ModeratorRemoved', data: { channelId: ANA, ownerId: ANA, moderatorId: CLEO, changedBy: ANA } },
    );
    const head = await record(opened.store, `user-${DEE}`, { type: 'AccountDeleted', data: { userId: DEE, username: 'dee' } });
    await engine.catchUp('channel_moderators', head);
  });
  afterAll(async () => {
    await engine?.stop();
    await closeTestStore(opened ?? {});
  });

  it.each([
    ['changed permissions replace the old ones', BEN, { ...none, timeout: true, unTimeout: true, deleteMessage: true }],
    ['a removed moderator has none', CLEO, null],
    ['a deleted account moderates nothing', DEE, null],
    ['the owner is no moderator of their own channel', ANA, null],
  ])('%s', async (_, userId, expected) => {
    expect(await readModeratorPermissions(engine.entityManager(), ANA, userId)).toEqual(expected);
  });

  it('lists the moderators still serving, longest-serving first', async () => {
    expect((await listModerators(engine.entityManager(), ANA)).items).toEqual([
      { userId: BEN, username: 'ben', permissions: { ...none, timeout: true, unTimeout: true, deleteMessage: true }, appointedAt: new Date('2026-11-24T10:00:00.000Z') },
    ]);
    expect((await listModerators(engine.entityManager(), BEN)).items).toEqual([]);
  });

  it('rebuilds the same rows from the log', async () => {
    const live = await tableRows(opened.sql, 'channel_moderators', 'channel_id, moderator_id');
    expect(live).toHaveLength(2);
    await engine.rebuild(['channel_moderators']);
    expect(await tableRows(opened.sql, 'channel_moderators', 'channel_id, moderator_id')).toEqual(live);
    expect(errors).toEqual([]);
  });
});
