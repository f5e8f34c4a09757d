import { ValidationError } from '@glint/domain-errors';
import { decide, refusalOf } from '@glint/testing';
import type { PayoutAccountEvent } from './events';
import { payoutAccountDecider, type PayoutAccountCommand } from './payout-account-decider';

const ANA = 'a0000000-0000-4000-8000-000000000001';
const enable = (taxWithholdingPercent: number): PayoutAccountCommand => ({ type: 'EnablePayoutAccount', userId: ANA, taxWithholdingPercent });
const enabled = (taxWithholdingPercent: number): PayoutAccountEvent => ({ type: 'PayoutAccountEnabled', data: { userId: ANA, taxWithholdingPercent } });
const disable: PayoutAccountCommand = { type: 'DisablePayoutAccount', userId: ANA, reason: 'transfers_inactive' };
const disabled: PayoutAccountEvent = { type: 'PayoutAccountDisabled', data: { userId: ANA, reason: 'transfers_inactive' } };

describe('the payout account decider', () => {
  it.each<[string, PayoutAccountEvent[], PayoutAccountCommand, PayoutAccountEvent[]]>([
    ['enabling records the withholding rate', [], enable(0), [enabled(0)]],
    ['the same state reported again records nothing', [enabled(30)], enable(30), []],
    ['a changed withholding rate is recorded', [enabled(0)], enable(15), [enabled(15)]],
    ['disabling an enabled account records it', [enabled(0)], disable, [disabled]],
    ['disabling what is not enabled records nothing', [enabled(0), disabled], disable, []],
    ['enabling again after disabling records it', [enabled(0), disabled], enable(0), [enabled(0)]],
  ])('%s', (_, history, when, then) => {
    expect(decide(payoutAccountDecider, history, when)).toEqual(then);
  });

  it.each([[-1], [31], [12.5]])('refuses a tax withholding of %p percent', (rate) => {
    const refusal = refusalOf(() => decide(payoutAccountDecider, [], enable(rate)));
    expect(refusal).toBeInstanceOf(ValidationError);
    expect(refusal).toMatchObject({ code: 'invalid_tax_withholding', field: 'taxWithholdingPercent' });
  });
});
