import { ConflictError, NotFoundError, ValidationError } from '@glint/domain-errors';
import { unreachable, type Decider } from '@glint/event-sourcing';
import type { ReportEvent, ReportPlace, ReportReason, ReportResolution } from './events';

export type Report =
  | { status: 'none' }
  | { status: 'open'; reporterId: string; targetUserId: string }
  | { status: 'resolved'; reporterId: string; targetUserId: string; resolution: ReportResolution };

export const initialReport: Report = { status: 'none' };

export interface ReportUser {
  type: 'ReportUser';
  reportId: string;
  reporterId: string;
  targetUserId: string;
  where: ReportPlace;
  why: ReportReason;
  /** Already sealed with the reporter's key, or null when the reporter wrote none. */
  sealedNotes: string | null;
  channelId: string | null;
}

export interface ResolveReport {
  type: 'ResolveReport';
  reportId: string;
  resolution: ReportResolution;
  note: string;
}

export type ReportCommand = ReportUser | ResolveReport;

export function evolveReport(state: Report, event: ReportEvent): Report {
  switch (event.type) {
    case 'UserReported':
      return { status: 'open', reporterId: event.data.reporterId, targetUserId: event.data.targetUserId };
    case 'ReportResolved':
      return { status: 'resolved', reporterId: event.data.reporterId, targetUserId: event.data.targetUserId, resolution: event.data.resolution };
    default:
      return unreachable(event);
  }
}

export function decideReport(command: ReportCommand, state: Report): ReportEvent[] {
  switch (command.type) {
    case 'ReportUser': {
      if (command.reporterId === command.targetUserId) throw new ValidationError('cannot_report_self', 'You cannot report yourself.', 'target');
      if (state.status !== 'none') throw new ConflictError('report_exists', `Report ${command.reportId} was already filed.`);
      const { reportId, reporterId, targetUserId, where, why, channelId } = command;
      return [{ type: 'UserReported', data: { reportId, reporterId, targetUserId, where, why, notes: command.sealedNotes, ...(channelId ? { channelId } : {}) } }];
    }
    case 'ResolveReport':
      if (command.note.trim() === '') throw new ValidationError('resolution_note_required', 'Say in a note what was done about the report, or why it was dismissed.', 'note');
      if (state.status === 'none') throw new NotFoundError('report_not_found', `There is no report ${command.reportId}.`);
      if (state.status === 'resolved') {
        throw new ConflictError('report_already_resolved', `Report ${command.reportId} was already resolved (${state.resolution}); it stays as it was.`);
      }
      return [
        {
          type: 'ReportResolved',
          data: { reportId: command.reportId, reporterId: state.reporterId, targetUserId: state.targetUserId, resolution: command.resolution, note: command.note },
        },
      ];
    default:
      return unreachable(command);
  }
}

export const reportDecider: Decider<Report, ReportCommand, ReportEvent> = {
  initialState: initialReport,
  evolve: evolveReport,
  decide: decideReport,
};
