import type { ProjectionEngine, ProjectionLogEntry } from '@glint/projection-engine';
import { readStaffAuditLog } from './queries';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { engineFor, rebuiltRows, record, tableRows, userActor } from '@glint/testing/projections';
import { staffAuditLog } from './projection';

const admin = userActor('admin-1', 'admin');
const support = userActor('support-1', 'support');
const analyst = userActor('analyst-1', 'analyst');

describe('staff_audit_log', () => {
  let opened: TestStore;
  let engine: ProjectionEngine;
  let errors: ProjectionLogEntry[];

  beforeAll(async () => {
    opened = await openTestStore();
    ({ engine, errors } = engineFor(opened, [staffAuditLog]));
    const { store } = opened;
    await record(store, 'user-admin-1', { type: 'StaffRoleGranted', data: { userId: 'admin-1', role: 'admin' } });
    await record(store, 'user-ana', { type: 'UserRegistered', data: { userId: 'ana', username: 'ana', emailSealed: 'pd1.a.b.c.d', passwordHashSealed: 'pd1.a.b.c.d' }, actor: userActor('ana') });
    await record(store, 'user-ana', { type: 'UserGloballyBanned', data: { userId: 'ana', reason: 'Spam bot' }, actor: support });
    await record(store, 'chat-standing-ben-ana', { type: 'UserTimedOut', data: { channelId: 'ben', targetUserId: 'ana', moderatorId: 'admin-1', durationSeconds: 60, until: '2026-11-24T12:01:00.000Z', reason: 'flood' }, actor: admin });
    await record(store, 'chat-ben', { type: 'ChatMessageDeleted', data: { channelId: 'ben', messageId: 'm-1', senderId: 'ana', moderatorId: 'support-1' }, actor: support });
    await record(store, 'support-access-support-1', { type: 'SupportAccountViewed', data: { subjectUserId: 'ana', view: 'history', reason: 'pd1.sealed.reason.x', filters: {} }, actor: support });
    await record(store, 'follow-ben-analyst-1', { type: 'ChannelFollowed', data: { channelId: 'ben', followerId: 'analyst-1', liveNotifications: false }, actor: analyst });
    await record(store, 'chat-standing-ben-cy', { type: 'UserBanned', data: { channelId: 'ben', targetUserId: 'cy', moderatorId: 'ben', reason: null }, actor: userActor('ben') });
    const head = await record(store, 'user-ana', { type: 'StreamingSuspended', data: { userId: 'ana', reason: 'Copyright strikes' }, actor: support });
    await engine.catchUp('staff_audit_log', head);
  });
  afterAll(async () => {
    await engine?.stop();
    await closeTestStore(opened ?? {});
  });

  it("lists every staff member's action and every staff fact, newest first, and nothing users did", async () => {
    const page = await readStaffAuditLog(engine.entityManager());
    expect(page.items.map(({ position: _p, eventId: _e, correlationId: _c, occurredAt: _o, ...entry }) => entry)).toEqual([
      { eventType: 'StreamingSuspended', streamName: 'user-ana', actorType: 'user', actorId: 'support-1', actorRole: 'support', subjectUserId: 'ana', channelId: null, reason: 'Copyright strikes' },
      { eventType: 'ChannelFollowed', streamName: 'follow-ben-analyst-1', actorType: 'user', actorId: 'analyst-1', actorRole: 'analyst', subjectUserId: null, channelId: 'ben', reason: null },
      { eventType: 'SupportAccountViewed', streamName: 'support-access-support-1', actorType: 'user', actorId: 'support-1', actorRole: 'support', subjectUserId: 'ana', channelId: null, reason: 'pd1.sealed.reason.x' },
      { eventType: 'ChatMessageDeleted', streamName: 'chat-ben', actorType: 'user', actorId: 'support-1', actorRole: 'support', subjectUserId: 'ana', channelId: 'ben', reason: null },
      { eventType: 'UserTimedOut', streamName: 'chat-standing-ben-ana', actorType: 'user', actorId: 'admin-1', actorRole: 'admin', subjectUserId: 'ana', channelId: 'ben', reason: 'flood' },
      { eventType: 'UserGloballyBanned', streamName: 'user-ana', actorType: 'user', actorId: 'support-1', actorRole: 'support', subjectUserId: 'ana', channelId: null, reason: 'Spam bot' },
      { eventType: 'StaffRoleGranted', streamName: 'user-admin-1', actorType: 'system', actorId: null, actorRole: null, subjectUserId: 'admin-1', channelId: null, reason: null },
    ]);
  });

  it('pages with the cursor it hands out', async () => {
    const first = await readStaffAuditLog(engine.entityManager(), { limit: 4 });
    const second = await readStaffAuditLog(engine.entityManager(), { limit: 4, cursor: first.nextCursor! });
    expect(first.items).toHaveLength(4);
    expect(second.items.map((entry) => entry.eventType)).toEqual(['UserTimedOut', 'UserGloballyBanned', 'StaffRoleGranted']);
    expect(second.nextCursor).toBeNull();
  });

  it('rebuilds the same rows from the log', async () => {
    const live = await tableRows(opened.sql, 'staff_audit_log', 'position');
    expect(live).toHaveLength(7);
    expect(await rebuiltRows(engine, opened.sql, 'staff_audit_log', 'staff_audit_log', 'position')).toEqual(live);
    expect(errors).toEqual([]);
  });
});
