import { ConflictError } from '@glint/domain-errors';
import { unreachable, type Decider } from '@glint/event-sourcing';
import type { EmailClaimEvent, EmailReleaseReason } from './events';

/** Who uses the address now; null when nobody does (never claimed, or released). */
export type EmailClaim = { claimedBy: string | null };

export type ClaimEmailAddress = { type: 'ClaimEmailAddress'; userId: string };
/** Only this user's claim is released, so a late retry cannot free an address claimed again since. */
export type ReleaseEmailAddress = { type: 'ReleaseEmailAddress'; userId: string; reason: EmailReleaseReason };

export type EmailClaimCommand = ClaimEmailAddress | ReleaseEmailAddress;

export function emailTaken(): ConflictError {
  return new ConflictError('email_taken', 'Another account uses this e-mail address: sign in to it, or reset its password.', 'email');
}

/**
 * One e-mail address per account among accounts not deleted, whatever its case: the same claim
 * pattern as usernames, except that an address is given back when its account is deleted.
 */
export const emailClaimDecider: Decider<EmailClaim, EmailClaimCommand, EmailClaimEvent> = {
  initialState: { claimedBy: null },

  evolve(state, event) {
    switch (event.type) {
      case 'EmailAddressClaimed':
        return { claimedBy: event.data.userId };
      case 'EmailAddressReleased':
        return { claimedBy: null };
      default:
        return unreachable(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'ClaimEmailAddress':
        if (state.claimedBy === command.userId) return [];
        if (state.claimedBy !== null) throw emailTaken();
        return [{ type: 'EmailAddressClaimed', data: { userId: command.userId } }];
      case 'ReleaseEmailAddress':
        return state.claimedBy === command.userId ? [{ type: 'EmailAddressReleased', data: { userId: command.userId, reason: command.reason } }] : [];
      default:
        return unreachable(command);
    }
  },
};
