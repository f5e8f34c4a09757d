import type { ProjectionEngine, ProjectionLogEntry } from '@glint/projection-engine';
import { readUserReports } from './queries';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { engineFor, rebuiltRows, record, tableRows, userActor } from '@glint/testing/projections';
import { userReports } from './projection';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const reported = (n: number, extra: Record<string, unknown> = {}) => ({
  type: 'UserReported',
  data: { reportId: id(n), reporterId: 'reporter-1', targetUserId: 'target-1', where: 'chat', why: 'hate_speech', notes: null, ...extra },
  actor: userActor('reporter-1'),
  occurredAt: `2026-11-24T12:0${n}:00.000Z`,
});
const resolved = (n: number, resolution: string, note: string) => ({
  type: 'ReportResolved',
  data: { reportId: id(n), reporterId: 'reporter-1', targetUserId: 'target-1', resolution, note },
  actor: userActor('staff-1', 'support'),
  occurredAt: '2026-11-24T13:00:00.000Z',
});

describe('user_reports', () => {
  let opened: TestStore;
  let engine: ProjectionEngine;
  let errors: ProjectionLogEntry[];

  beforeAll(async () => {
    opened = await openTestStore();
    ({ engine, errors } = engineFor(opened, [userReports]));
    await record(opened.store, `report-${id(1)}`, reported(1, { notes: 'pd1.sealed.notes.of.reporter', channelId: 'channel-1' }));
    await record(opened.store, `report-${id(2)}`, reported(2, { where: 'profile', why: 'other' }));
    // Filed and resolved in one batch: the resolution must land on the row the filing made.
    await record(opened.store, `report-${id(3)}`, reported(3), resolved(3, 'dismissed', 'Not against the rules.'));
    const head = await record(opened.store, `report-${id(1)}`, resolved(1, 'actioned', 'Banned.'));
    await engine.catchUp('user_reports', head);
  });
  afterAll(async () => {
    await engine?.stop();
    await closeTestStore(opened ?? {});
  });

  it('queues open reports, newest first, with the notes still sealed', async () => {
    const page = await readUserReports(engine.entityManager(), { status: 'open' });
    expect(page.items).toEqual([
      expect.objectContaining({ reportId: id(2), status: 'open', place: 'profile', reason: 'other', notesSealed: null, channelId: null, resolution: null, resolvedBy: null, resolvedAt: null }),
    ]);
  });

  it('keeps resolved reports with their resolution, who resolved them and when', async () => {
    const page = await readUserReports(engine.entityManager(), { status: 'resolved' });
    expect(page.items).toEqual([
      expect.objectContaining({ reportId: id(3), resolution: 'dismissed', resolutionNote: 'Not against the rules.', resolvedBy: 'staff-1', resolvedAt: new Date('2026-11-24T13:00:00.000Z') }),
      expect.objectContaining({
        reportId: id(1),
        reporterId: 'reporter-1',
        targetUserId: 'target-1',
        channelId: 'channel-1',
        place: 'chat',
        reason: 'hate_speech',
        notesSealed: 'pd1.sealed.notes.of.reporter',
        reportedAt: new Date('2026-11-24T12:01:00.000Z'),
        resolution: 'actioned',
        resolutionNote: 'Banned.',
      }),
    ]);
  });

  it('pages resolved reports with the cursor it hands out', async () => {
    const first = await readUserReports(engine.entityManager(), { status: 'resolved', limit: 1 });
    const second = await readUserReports(engine.entityManager(), { status: 'resolved', limit: 1, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((entry) => entry.reportId)).toEqual([id(3), id(1)]);
    expect(second.nextCursor).toBeNull();
  });

  it('rebuilds the same rows from the log', async () => {
    const live = await tableRows(opened.sql, 'user_reports', 'report_id');
    expect(live).toHaveLength(3);
    expect(await rebuiltRows(engine, opened.sql, 'user_reports', 'user_reports', 'report_id')).toEqual(live);
    expect(errors).toEqual([]);
  });
});
