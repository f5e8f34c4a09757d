import { refusalOf } from '@glint/testing';
import { decideAccountView, type ViewAccount } from './account-view-decider';
import type { AccountViewFilters, SupportAccountViewed } from './events';

const filters: AccountViewFilters = { types: [], from: null, to: null, before: null, limit: 50 };
const now = new Date('2026-11-23T12:00:00.000Z');
const view = (overrides: Partial<ViewAccount> = {}): ViewAccount =>
  ({ staffUserId: 'sam', subjectUserId: 'ana', subjectExists: true, view: 'history', reason: 'Ticket 42: payout missing', filters, now, ...overrides }) as ViewAccount;
const stateAt = (asOf: string, overrides: Partial<ViewAccount> = {}): ViewAccount =>
  ({ staffUserId: 'sam', subjectUserId: 'ana', subjectExists: true, view: 'state', asOf, reason: 'Ticket 42: payout missing', now, ...overrides }) as ViewAccount;
const viewed = (overrides: Partial<SupportAccountViewed['data']> = {}): SupportAccountViewed =>
  ({ type: 'SupportAccountViewed', data: { staffUserId: 'sam', subjectUserId: 'ana', view: 'history', reason: 'Ticket 42: payout missing', filters, ...overrides } }) as SupportAccountViewed;
const viewedState = (asOf: string): SupportAccountViewed => ({
  type: 'SupportAccountViewed',
  data: { staffUserId: 'sam', subjectUserId: 'ana', view: 'state', asOf, reason: 'Ticket 42: payout missing' },
});

type Refusal = { name: string; code: string; field: string | undefined };
const refused = (name: string, code: string, field?: string): Refusal => ({ name, code, field });

const narrowed: AccountViewFilters = { types: ['UserLoggedIn'], from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z', before: 900, limit: 100 };

describe('a support view of an account', () => {
  it.each<[string, ViewAccount, SupportAccountViewed[]]>([
    ['a member of staff looking is recorded with the reason', view(), [viewed()]],
    ['the CLI looking is recorded with no member of staff', view({ staffUserId: null }), [viewed({ staffUserId: null })]],
    ['the filters asked for are recorded', view({ filters: narrowed }), [viewed({ filters: narrowed })]],
    ['the reason is trimmed', view({ reason: '  Ticket 42: payout missing  ' }), [viewed()]],
    ['a reason of three characters is enough', view({ reason: 'abc' }), [viewed({ reason: 'abc' })]],
    ['a reason of 500 characters is taken', view({ reason: 'r'.repeat(500) }), [viewed({ reason: 'r'.repeat(500) })]],
    ['a look at the state at a past moment is recorded with that moment', stateAt('2026-11-01T08:30:00Z'), [viewedState('2026-11-01T08:30:00.000Z')]],
    ['a look at the state now is recorded', stateAt(now.toISOString()), [viewedState(now.toISOString())]],
    ['a moment in another offset is recorded in UTC', stateAt('2026-11-01T09:30:00+01:00'), [viewedState('2026-11-01T08:30:00.000Z')]],
  ])('%s', (_, when, then) => {
    expect(decideAccountView(when)).toEqual(then);
  });

  it.each<[string, ViewAccount, Refusal]>([
    ['no reason is refused', view({ reason: '' }), refused('ValidationError', 'reason_required', 'reason')],
    ['a reason of spaces around two characters is refused', view({ reason: '   ab  ' }), refused('ValidationError', 'reason_required', 'reason')],
    ['a reason of 501 characters is refused', view({ reason: 'r'.repeat(501) }), refused('ValidationError', 'reason_required', 'reason')],
    ['a page of 0 is refused', view({ filters: { ...filters, limit: 0 } }), refused('ValidationError', 'invalid_limit', 'limit')],
    ['a page of 101 is refused', view({ filters: { ...filters, limit: 101 } }), refused('ValidationError', 'invalid_limit', 'limit')],
    ['a page of 2.5 is refused', view({ filters: { ...filters, limit: 2.5 } }), refused('ValidationError', 'invalid_limit', 'limit')],
    ['a time range that ends before it starts is refused', view({ filters: { ...narrowed, from: narrowed.to, to: narrowed.from } }), refused('ValidationError', 'invalid_time_range', 'to')],
    ['an empty time range is refused', view({ filters: { ...narrowed, to: narrowed.from } }), refused('ValidationError', 'invalid_time_range', 'to')],
    ['an account that does not exist is refused, after a valid reason', view({ subjectExists: false }), refused('NotFoundError', 'account_not_found')],
    ['a missing reason is named before a missing account', view({ subjectExists: false, reason: '' }), refused('ValidationError', 'reason_required', 'reason')],
    ['a moment later than now is refused', stateAt('2026-11-23T12:00:01.000Z'), refused('ValidationError', 'as_of_in_future', 'asOf')],
    ['a moment that is not a time is refused', stateAt('yesterday'), refused('ValidationError', 'invalid_as_of', 'asOf')],
    ['the state of an account that does not exist is refused', stateAt('2026-11-01T08:30:00Z', { subjectExists: false }), refused('NotFoundError', 'account_not_found')],
    ['the state without a reason is refused', stateAt('2026-11-01T08:30:00Z', { reason: ' ' }), refused('ValidationError', 'reason_required', 'reason')],
  ])('%s', (_, when, then) => {
    expect(refusalOf(() => decideAccountView(when))).toMatchObject(then);
  });
});
