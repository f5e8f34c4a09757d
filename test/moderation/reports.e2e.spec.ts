import type { EventStore } from '@glint/eventstore';
import type { UserReported } from '@glint/moderation';
import { isSealed, type PersonalDataVault } from '@glint/personal-data';
import { EVENT_STORE, PERSONAL_DATA } from '@glint/runtime';
import { ApiClient } from '@glint/testing';
import { Given, type GivenUser, startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';

describe('user reports and the staff queue, over HTTP', () => {
  let platform: PlatformUnderTest;
  let api: ApiClient;
  let store: EventStore;
  let reporter: GivenUser;
  let target: GivenUser;
  let support: GivenUser;
  let admin: GivenUser;
  let analyst: GivenUser;
  let reportId: string;

  const head = () => store.headPosition();

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    api = new ApiClient(platform.baseUrl);
    store = platform.app.get<EventStore>(EVENT_STORE, { strict: false });
    const given = new Given(platform);
    [reporter, target, support, admin, analyst] = await Promise.all([
      given.user(),
      given.user(),
      given.user({ staffRole: 'support' }),
      given.user({ staffRole: 'admin' }),
      given.user({ staffRole: 'analyst' }),
    ]);
  });
  afterAll(() => platform?.close());

  it('files a report with the notes sealed with the reporter’s key', async () => {
    const filed = await api.post('/api/reports', { target: target.username, where: 'chat', why: 'hate_speech', notes: 'Called me names in chat at 21:04.' }, reporter.token);
    expect(filed.status).toBe(201);
    reportId = filed.body.reportId;
    const [event] = await store.readStream(`report-${reportId}`);
    expect(event).toMatchObject({ type: 'UserReported', data: { reportId, reporterId: reporter.userId, targetUserId: target.userId, where: 'chat', why: 'hate_speech' } });
    expect(isSealed((event.data as UserReported['data']).notes)).toBe(true);
    expect(JSON.stringify(event.data)).not.toContain('names in chat');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown place', { where: 'elsewhere' }, 'where'],
    ['an unknown reason', { why: 'rude' }, 'why'],
    ['notes over 2000 characters', { notes: 'x'.repeat(2001) }, 'notes'],
    ['a target that is no username', { target: 'not a name!' }, 'target'],
    ['a field the API does not know', { severity: 'high' }, 'severity'],
  ])('answers 400 naming the field for %s, and records nothing', async (_, change, field) => {
    const before = await head();
    const refused = await api.post('/api/reports', { target: target.username, where: 'profile', why: 'other', ...change }, reporter.token);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'invalid_input', field });
    expect(await head()).toBe(before);
  });

  it.each<[string, () => Record<string, unknown>, () => string | undefined, number, string]>([
    ['reporting yourself', () => ({ target: reporter.username }), () => reporter.token, 400, 'cannot_report_self'],
    ['an unknown user', () => ({ target: 'nobody_at_all' }), () => reporter.token, 404, 'user_not_found'],
    ['an unknown channel', () => ({ target: target.username, channel: 'no_such_channel' }), () => reporter.token, 404, 'channel_not_found'],
    ['nobody signed in', () => ({ target: target.username }), () => undefined, 401, 'sign_in_required'],
  ])('refuses %s and records nothing', async (_, body, token, status, error) => {
    const before = await head();
    const refused = await api.post('/api/reports', { where: 'username', why: 'other', ...body() }, token());
    expect(refused.status).toBe(status);
    expect(refused.body.error).toBe(error);
    expect(await head()).toBe(before);
  });

  it('shows the open queue to support and admins, with the notes opened, and to nobody else', async () => {
    for (const staff of [support, admin]) {
      const queue = await api.get('/api/staff/reports?status=open', staff.token);
      expect(queue.status).toBe(200);
      expect(queue.body).toEqual({ items: [expect.anything()], nextCursor: null });
      expect(queue.body.items).toEqual([
        expect.objectContaining({
          reportId,
          reporter: { userId: reporter.userId, username: reporter.username, deleted: false },
          target: { userId: target.userId, username: target.username, deleted: false },
          channel: null,
          where: 'chat',
          why: 'hate_speech',
          notes: 'Called me names in chat at 21:04.',
          status: 'open',
          resolution: null,
        }),
      ]);
    }
    expect((await api.get('/api/staff/reports', analyst.token)).body.error).toBe('staff_only');
    expect((await api.get('/api/staff/reports', reporter.token)).status).toBe(403);
    expect((await api.get('/api/staff/reports')).status).toBe(401);
    expect((await api.get('/api/staff/reports?status=closed', support.token)).body).toMatchObject({ status: 400, field: 'status' });
    expect((await api.get('/api/staff/reports?limit=101', support.token)).body).toMatchObject({ status: 400, field: 'limit' });
    expect((await api.get('/api/staff/reports?cursor=yesterday', support.token)).body).toMatchObject({ status: 400, error: 'invalid_cursor', field: 'cursor' });
  });

  it('lets support resolve a report once, and moves it out of the open queue', async () => {
    expect((await api.post(`/api/staff/reports/${reportId}/resolution`, { resolution: 'actioned', note: 'Timed out for a day.' }, reporter.token)).status).toBe(403);
    expect((await api.post(`/api/staff/reports/${reportId}/resolution`, { resolution: 'actioned', note: 'Timed out for a day.' }, analyst.token)).status).toBe(403);

    const resolved = await api.post(`/api/staff/reports/${reportId}/resolution`, { resolution: 'actioned', note: 'Timed out for a day.' }, support.token);
    expect(resolved.status).toBe(201);
    expect(resolved.body).toEqual({ reportId, status: 'resolved', resolution: 'actioned', note: 'Timed out for a day.' });

    const before = await head();
    const again = await api.post(`/api/staff/reports/${reportId}/resolution`, { resolution: 'dismissed', note: 'Changed my mind.' }, admin.token);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('report_already_resolved');
    expect(await head()).toBe(before);

    expect((await api.get('/api/staff/reports', support.token)).body.items).toEqual([]);
    const done = await api.get('/api/staff/reports?status=resolved', support.token);
    expect(done.body.items).toEqual([
      expect.objectContaining({ reportId, status: 'resolved', resolution: 'actioned', resolutionNote: 'Timed out for a day.', resolvedBy: { userId: support.userId, username: support.username, deleted: false } }),
    ]);
  });

  it.each<[string, string, Record<string, unknown>, number, string]>([
    ['an unknown report', '/api/staff/reports/00000000-0000-4000-8000-000000000000/resolution', { resolution: 'dismissed', note: 'n/a' }, 404, 'report_not_found'],
    ['a report id that is no UUID', '/api/staff/reports/42/resolution', { resolution: 'dismissed', note: 'n/a' }, 400, 'invalid_input'],
    ['an unknown resolution', `/api/staff/reports/00000000-0000-4000-8000-000000000000/resolution`, { resolution: 'ignored', note: 'n/a' }, 400, 'invalid_input'],
    ['a missing note', `/api/staff/reports/00000000-0000-4000-8000-000000000000/resolution`, { resolution: 'dismissed' }, 400, 'invalid_input'],
  ])('refuses to resolve %s, recording nothing', async (_, path, body, status, error) => {
    const before = await head();
    const refused = await api.post(path, body, support.token);
    expect(refused.status).toBe(status);
    expect(refused.body.error).toBe(error);
    expect(await head()).toBe(before);
  });

  it('shows the notes as gone once the reporter’s personal data is erased', async () => {
    await platform.app.get<PersonalDataVault>(PERSONAL_DATA, { strict: false }).shred(reporter.userId);
    const done = await api.get('/api/staff/reports?status=resolved', support.token);
    expect(done.body.items[0]).toMatchObject({ reportId, notes: null, why: 'hate_speech' });
  });

  it('keeps a staff audit log of staff work for admins and support only', async () => {
    const log = await api.get('/api/staff/audit-log?limit=100', admin.token);
    expect(log.status).toBe(200);
    expect(log.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          eventType: 'ReportResolved',
          actor: { type: 'user', user: { userId: support.userId, username: support.username, deleted: false }, role: 'support' },
          subject: { userId: target.userId, username: target.username, deleted: false },
          reason: 'Timed out for a day.',
        }),
        expect.objectContaining({ eventType: 'StaffRoleGranted', subject: expect.objectContaining({ userId: analyst.userId }), actor: expect.objectContaining({ type: 'system', user: null }) }),
      ]),
    );
    expect(log.body.items.some((entry: { actor: { user: { userId: string } | null } }) => entry.actor.user?.userId === reporter.userId)).toBe(false);
    expect((await api.get('/api/staff/audit-log', support.token)).status).toBe(200);
    expect((await api.get('/api/staff/audit-log?cursor=0', support.token)).body).toMatchObject({ status: 400, error: 'invalid_cursor', field: 'cursor' });
    expect((await api.get('/api/staff/audit-log', analyst.token)).status).toBe(403);
    expect((await api.get('/api/staff/audit-log', reporter.token)).status).toBe(403);
    expect((await api.get('/api/staff/audit-log')).status).toBe(401);
  });
});
