import type { ProjectionEngine, ProjectionLogEntry } from '@glint/projection-engine';
import { readChatStanding } from './queries';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { engineFor, rebuiltRows, record, tableRows, userActor } from '@glint/testing/projections';
import { chatStanding } from './projection';

const mod = userActor('mod-1');
const who = (channelId: string, targetUserId: string) => ({ channelId, targetUserId, moderatorId: 'mod-1' });
const timedOut = (channelId: string, targetUserId: string, until: string) => ({ type: 'UserTimedOut', data: { ...who(channelId, targetUserId), durationSeconds: 300, until, reason: null }, actor: mod });

describe('chat_standing', () => {
  let opened: TestStore;
  let engine: ProjectionEngine;
  let errors: ProjectionLogEntry[];
  let head: number;

  beforeAll(async () => {
    opened = await openTestStore();
    ({ engine, errors } = engineFor(opened, [chatStanding]));
    await record(opened.store, 'chat-standing-c1-ana', timedOut('c1', 'ana', '2026-11-24T12:05:00.000Z'), { type: 'UserBanned', data: { ...who('c1', 'ana'), reason: 'slurs' }, actor: mod });
    await record(opened.store, 'chat-standing-c1-ben', { type: 'UserBanned', data: { ...who('c1', 'ben'), reason: null }, actor: mod }, { type: 'UserUnbanned', data: who('c1', 'ben'), actor: mod });
    await record(opened.store, 'chat-standing-c2-ana', timedOut('c2', 'ana', '2026-11-24T12:15:00.000Z'), timedOut('c2', 'ana', '2026-11-24T12:01:00.000Z'));
    head = await record(opened.store, 'chat-standing-c2-cy', timedOut('c2', 'cy', '2026-11-24T12:05:00.000Z'), { type: 'UserTimeoutLifted', data: who('c2', 'cy'), actor: mod });
    await engine.catchUp('chat_standing', head);
  });
  afterAll(async () => {
    await engine?.stop();
    await closeTestStore(opened ?? {});
  });

  it.each([
    ['banned while timed out keeps both', 'c1', 'ana', { banned: true, timedOutUntil: new Date('2026-11-24T12:05:00.000Z') }],
    ['unbanned stands clear', 'c1', 'ben', { banned: false, timedOutUntil: null }],
    ['a second timeout replaces the first', 'c2', 'ana', { banned: false, timedOutUntil: new Date('2026-11-24T12:01:00.000Z') }],
    ['a lifted timeout is gone', 'c2', 'cy', { banned: false, timedOutUntil: null }],
    ['a user never moderated stands clear', 'c1', 'dee', { banned: false, timedOutUntil: null }],
    ['a standing belongs to its channel only', 'c1', 'cy', { banned: false, timedOutUntil: null }],
  ])('%s', async (_, channelId, userId, expected) => {
    expect(await readChatStanding(engine.entityManager(), channelId, userId)).toEqual(expected);
  });

  it('rebuilds the same rows from the log', async () => {
    const live = await tableRows(opened.sql, 'chat_standing', 'channel_id, user_id');
    expect(live).toHaveLength(4);
    expect(await rebuiltRows(engine, opened.sql, 'chat_standing', 'chat_standing', 'channel_id, user_id')).toEqual(live);
    expect(errors).toEqual([]);
  });
});
