import { isStaff, requireUser, type Principal } from '@glint/access';
import { SUPPORT_DESK_ROLES } from './account-view-decider';
import type { TicketParticipant } from './ticket-decider';

/** The signed-in user as a ticket sees them: support staff handle everyone's tickets. */
export function ticketParticipant(principal: Principal): TicketParticipant {
  const user = requireUser(principal);
  return { userId: user.userId, supportStaff: isStaff(user, SUPPORT_DESK_ROLES) };
}
