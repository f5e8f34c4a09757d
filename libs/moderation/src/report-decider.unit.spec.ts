import { decide, refusalOf } from '@glint/testing';
import type { ReportEvent } from './events';
import { reportDecider, type ReportCommand } from './report-decider';

const reportId = '5f0f6a5e-8d1f-4a43-9d4e-2b7b1f3c9a10';
const sealedNotes = 'pd1.cmVwb3J0ZXI.aXY.Y2lwaGVy.dGFn';
const report = (extra: Partial<ReportCommand> = {}): ReportCommand =>
  ({ type: 'ReportUser', reportId, reporterId: 'reporter-1', targetUserId: 'target-1', where: 'chat', why: 'hate_speech', sealedNotes, channelId: 'channel-1', ...extra }) as ReportCommand;
const resolve = (extra: Partial<ReportCommand> = {}): ReportCommand => ({ type: 'ResolveReport', reportId, resolution: 'actioned', note: 'Banned for a week.', ...extra }) as ReportCommand;

const reported: ReportEvent = {
  type: 'UserReported',
  data: { reportId, reporterId: 'reporter-1', targetUserId: 'target-1', where: 'chat', why: 'hate_speech', notes: sealedNotes, channelId: 'channel-1' },
};
const resolved = (resolution: 'actioned' | 'dismissed' = 'actioned', note = 'Banned for a week.'): ReportEvent => ({
  type: 'ReportResolved',
  data: { reportId, reporterId: 'reporter-1', targetUserId: 'target-1', resolution, note },
});

describe('report decider', () => {
  describe('ReportUser', () => {
    it.each<[string, ReportEvent[], ReportCommand, ReportEvent[]]>([
      ['a report is filed with its sealed notes and channel', [], report(), [reported]],
      [
        'a report without notes or channel leaves the channel out',
        [],
        report({ where: 'profile', why: 'other', sealedNotes: null, channelId: null } as Partial<ReportCommand>),
        [{ type: 'UserReported', data: { reportId, reporterId: 'reporter-1', targetUserId: 'target-1', where: 'profile', why: 'other', notes: null } }],
      ],
    ])('%s', (_, given, when, then) => {
      expect(decide(reportDecider, given, when)).toEqual(then);
    });

    it.each<[string, ReportEvent[], ReportCommand, { kind: string; code: string }]>([
      ['nobody reports themselves', [], report({ targetUserId: 'reporter-1' } as Partial<ReportCommand>), { kind: 'validation', code: 'cannot_report_self' }],
      ['a report id is filed once', [reported], report(), { kind: 'conflict', code: 'report_exists' }],
    ])('%s', (_, given, when, refusal) => {
      expect(refusalOf(() => decide(reportDecider, given, when))).toMatchObject(refusal);
    });
  });

  describe('ResolveReport', () => {
    it.each<[string, ReportEvent[], ReportCommand, ReportEvent[]]>([
      ['an open report is actioned, naming whom it was about', [reported], resolve(), [resolved()]],
      ['an open report is dismissed', [reported], resolve({ resolution: 'dismissed', note: 'Not against the rules.' } as Partial<ReportCommand>), [resolved('dismissed', 'Not against the rules.')]],
    ])('%s', (_, given, when, then) => {
      expect(decide(reportDecider, given, when)).toEqual(then);
    });

    it.each<[string, ReportEvent[], ReportCommand, { kind: string; code: string }]>([
      ['an unknown report cannot be resolved', [], resolve(), { kind: 'not_found', code: 'report_not_found' }],
      ['a report is resolved once', [reported, resolved()], resolve({ resolution: 'dismissed' } as Partial<ReportCommand>), { kind: 'conflict', code: 'report_already_resolved' }],
      ['a resolution needs a note', [reported], resolve({ note: '  ' } as Partial<ReportCommand>), { kind: 'validation', code: 'resolution_note_required' }],
    ])('%s', (_, given, when, refusal) => {
      expect(refusalOf(() => decide(reportDecider, given, when))).toMatchObject(refusal);
    });
  });
});
