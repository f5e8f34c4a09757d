import { ValidationError } from '@glint/domain-errors';
import { unreachable, type Decider } from '@glint/event-sourcing';
import type { PayoutAccountEvent } from './events';

/** Whether a user can receive money, and the share of their payouts withheld for tax. */
export type PayoutAccount = { enabled: false } | { enabled: true; taxWithholdingPercent: number };

export type EnablePayoutAccount = { type: 'EnablePayoutAccount'; userId: string; taxWithholdingPercent: number };
export type DisablePayoutAccount = { type: 'DisablePayoutAccount'; userId: string; reason: string };
export type PayoutAccountCommand = EnablePayoutAccount | DisablePayoutAccount;

export const MAX_TAX_WITHHOLDING_PERCENT = 30;

export const initialState: PayoutAccount = { enabled: false };

export function evolve(_state: PayoutAccount, event: PayoutAccountEvent): PayoutAccount {
  switch (event.type) {
    case 'PayoutAccountEnabled':
      return { enabled: true, taxWithholdingPercent: event.data.taxWithholdingPercent };
    case 'PayoutAccountDisabled':
      return { enabled: false };
    default:
      return unreachable(event);
  }
}

/** Stripe reports an account's state again and again: only a change is recorded. */
export function decide(command: PayoutAccountCommand, state: PayoutAccount): PayoutAccountEvent[] {
  switch (command.type) {
    case 'EnablePayoutAccount': {
      const rate = command.taxWithholdingPercent;
      if (!Number.isInteger(rate) || rate < 0 || rate > MAX_TAX_WITHHOLDING_PERCENT) {
        throw new ValidationError('invalid_tax_withholding', `Tax withholding is a whole percent from 0 to ${MAX_TAX_WITHHOLDING_PERCENT} (got ${rate}).`, 'taxWithholdingPercent');
      }
      if (state.enabled && state.taxWithholdingPercent === rate) return [];
      return [{ type: 'PayoutAccountEnabled', data: { userId: command.userId, taxWithholdingPercent: rate } }];
    }
    case 'DisablePayoutAccount':
      return state.enabled ? [{ type: 'PayoutAccountDisabled', data: { userId: command.userId, reason: command.reason } }] : [];
    default:
      return unreachable(command);
  }
}

export const payoutAccountDecider: Decider<PayoutAccount, PayoutAccountCommand, PayoutAccountEvent> = { initialState, evolve, decide };
