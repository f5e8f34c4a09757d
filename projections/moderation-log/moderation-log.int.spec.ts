import type { ProjectionEngine, ProjectionLogEntry } from '@glint/projection-engine';
import { readNamedUsers } from '@glint/projections/moderation-usernames';
import { readModerationLog } from './queries';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { engineFor, rebuiltRows, record, tableRows, userActor } from '@glint/testing/projections';
import { moderationLog } from './projection';
import { moderationUsernames } from '../moderation-usernames';

const at = (minute: number) => `2026-11-24T12:${String(minute).padStart(2, '0')}:00.000Z`;
const registered = (userId: string, username: string) => ({ type: 'UserRegistered', data: { userId, username, emailSealed: 'pd1.x.y.z.w', passwordHashSealed: 'pd1.x.y.z.w' } });

describe('moderation_log and moderation_usernames', () => {
  let opened: TestStore;
  let engine: ProjectionEngine;
  let errors: ProjectionLogEntry[];

  beforeAll(async () => {
    opened = await openTestStore();
    ({ engine, errors } = engineFor(opened, [moderationLog, moderationUsernames]));
    const { store } = opened;
    for (const [userId, username] of [['owner-1', 'Owner'], ['mod-1', 'mod_one'], ['ana', 'ana'], ['ben', 'Ben_B']]) await record(store, `user-${userId}`, registered(userId, username));
    const mod = { actor: userActor('mod-1') };
    const acted = (targetUserId: string) => ({ channelId: 'owner-1', targetUserId, moderatorId: 'mod-1' });
    await record(store, 'chat-standing-owner-1-ana', { type: 'UserTimedOut', data: { ...acted('ana'), durationSeconds: 300, until: at(6), reason: 'spam' }, occurredAt: at(1), ...mod });
    await record(store, 'chat-standing-owner-1-ana', { type: 'UserTimeoutLifted', data: acted('ana'), occurredAt: at(2), ...mod });
    await record(store, 'chat-standing-owner-1-ben', { type: 'UserBanned', data: { ...acted('ben'), reason: null }, occurredAt: at(3), ...mod });
    await record(store, 'chat-standing-other-ana', { type: 'UserBanned', data: { channelId: 'other', targetUserId: 'ana', moderatorId: 'other', reason: null }, occurredAt: at(3) });
    await record(store, 'chat-owner-1', { type: 'ChatMessageDeleted', data: { channelId: 'owner-1', messageId: 'message-7', senderId: 'ana', moderatorId: 'mod-1' }, occurredAt: at(4), ...mod });
    await record(store, 'chat-standing-owner-1-ben', { type: 'UserUnbanned', data: acted('ben'), occurredAt: at(5), ...mod });
    // Deleting the moderator's and a target's accounts changes no entry.
    const head = await record(store, 'user-mod-1', { type: 'AccountDeleted', data: { userId: 'mod-1', username: 'mod_one' } });
    await record(store, 'user-ana', { type: 'AccountDeleted', data: { userId: 'ana', username: 'ana' } });
    await engine.catchUp('moderation_usernames', head + 1);
    await engine.catchUp('moderation_log', head + 1);
  });
  afterAll(async () => {
    await engine?.stop();
    await closeTestStore(opened ?? {});
  });

  it("lists one channel's actions newest first, with what each action carries", async () => {
    const page = await readModerationLog(engine.entityManager(), 'owner-1');
    expect(page.nextCursor).toBeNull();
    expect(page.items.map(({ position: _, ...entry }) => entry)).toEqual([
      { channelId: 'owner-1', action: 'unban', moderatorId: 'mod-1', targetUserId: 'ben', durationSeconds: null, reason: null, messageId: null, occurredAt: new Date(at(5)) },
      { channelId: 'owner-1', action: 'delete_message', moderatorId: 'mod-1', targetUserId: 'ana', durationSeconds: null, reason: null, messageId: 'message-7', occurredAt: new Date(at(4)) },
      { channelId: 'owner-1', action: 'ban', moderatorId: 'mod-1', targetUserId: 'ben', durationSeconds: null, reason: null, messageId: null, occurredAt: new Date(at(3)) },
      { channelId: 'owner-1', action: 'untimeout', moderatorId: 'mod-1', targetUserId: 'ana', durationSeconds: null, reason: null, messageId: null, occurredAt: new Date(at(2)) },
      { channelId: 'owner-1', action: 'timeout', moderatorId: 'mod-1', targetUserId: 'ana', durationSeconds: 300, reason: 'spam', messageId: null, occurredAt: new Date(at(1)) },
    ]);
  });

  it('pages with the cursor it hands out, without gaps or repeats', async () => {
    const em = engine.entityManager();
    const first = await readModerationLog(em, 'owner-1', { limit: 2 });
    const second = await readModerationLog(em, 'owner-1', { limit: 2, cursor: first.nextCursor! });
    const third = await readModerationLog(em, 'owner-1', { limit: 2, cursor: second.nextCursor! });
    expect([...first.items, ...second.items, ...third.items].map((entry) => entry.action)).toEqual(['unban', 'delete_message', 'ban', 'untimeout', 'timeout']);
    expect(third.nextCursor).toBeNull();
  });

  it('refuses a page size out of range, naming limit', async () => {
    await expect(readModerationLog(engine.entityManager(), 'owner-1', { limit: 101 })).rejects.toMatchObject({ code: 'invalid_page_size', field: 'limit' });
  });

  it('names users by their handle, keeps the handle of deleted accounts and marks them', async () => {
    const named = await readNamedUsers(engine.entityManager(), ['mod-1', 'ben', 'ana', 'nobody', null, 'ben']);
    expect([...named.values()]).toEqual([
      { userId: 'mod-1', username: 'mod_one', deleted: true },
      { userId: 'ben', username: 'Ben_B', deleted: false },
      { userId: 'ana', username: 'ana', deleted: true },
      { userId: 'nobody', username: null, deleted: false },
    ]);
  });

  it('rebuilds the same rows from the log', async () => {
    const liveLog = await tableRows(opened.sql, 'moderation_log', 'position');
    const liveNames = await tableRows(opened.sql, 'moderation_usernames', 'user_id');
    expect(liveLog).toHaveLength(6);
    expect(await rebuiltRows(engine, opened.sql, 'moderation_log', 'moderation_log', 'position')).toEqual(liveLog);
    expect(await rebuiltRows(engine, opened.sql, 'moderation_usernames', 'moderation_usernames', 'user_id')).toEqual(liveNames);
    expect(errors).toEqual([]);
  });
});
