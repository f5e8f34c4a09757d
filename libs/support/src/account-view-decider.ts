import { MAX_PAGE_SIZE } from '@glint/api';
import { NotFoundError, ValidationError } from '@glint/domain-errors';
import type { AccountViewFilters, AccountViewKind, SupportAccountViewed } from './events';

export const VIEW_REASON_LENGTH = { min: 3, max: 500 } as const;
/** Support and admins may read an account's history; analysts see only aggregates. */
export const SUPPORT_DESK_ROLES = ['support', 'admin'] as const;

export type ViewAccount = {
  /** The member of staff looking, or null for the CLI. */
  staffUserId: string | null;
  subjectUserId: string;
  /** Whether the account exists: looked up before deciding. */
  subjectExists: boolean;
  reason: string;
  now: Date;
} & AccountViewKind;

/**
 * Every look at an account is recorded with its reason before anything is shown. Views have no
 * invariant across each other, so there is no state to load: the decision rests on the command alone.
 */
export function decideAccountView(command: ViewAccount): SupportAccountViewed[] {
  const reason = command.reason.trim();
  if (reason.length < VIEW_REASON_LENGTH.min || reason.length > VIEW_REASON_LENGTH.max) {
    throw new ValidationError('reason_required', `Say why you look at this account: a reason of ${VIEW_REASON_LENGTH.min} to ${VIEW_REASON_LENGTH.max} characters.`, 'reason');
  }
  const kind = command.view === 'history' ? historyView(command.filters) : stateView(command.asOf, command.now);
  if (!command.subjectExists) throw new NotFoundError('account_not_found', `There is no account with id ${command.subjectUserId}.`);
  return [{ type: 'SupportAccountViewed', data: { staffUserId: command.staffUserId, subjectUserId: command.subjectUserId, reason, ...kind } }];
}

function historyView(filters: AccountViewFilters): AccountViewKind {
  if (!Number.isInteger(filters.limit) || filters.limit < 1 || filters.limit > MAX_PAGE_SIZE) {
    throw new ValidationError('invalid_limit', `limit is a whole number from 1 to ${MAX_PAGE_SIZE}.`, 'limit');
  }
  if (filters.from !== null && filters.to !== null && Date.parse(filters.from) >= Date.parse(filters.to)) {
    throw new ValidationError('invalid_time_range', '"from" must be earlier than "to".', 'to');
  }
  return { view: 'history', filters };
}

/** The state can only be told up to now: a later moment has not happened yet. */
function stateView(asOf: string, now: Date): AccountViewKind {
  const moment = Date.parse(asOf);
  if (Number.isNaN(moment)) throw new ValidationError('invalid_as_of', 'asOf must be an ISO-8601 time such as 2026-11-23T18:00:00Z.', 'asOf');
  if (moment > now.getTime()) throw new ValidationError('as_of_in_future', `asOf (${asOf}) is later than now; the state can only be told up to now.`, 'asOf');
  return { view: 'state', asOf: new Date(moment).toISOString() };
}
