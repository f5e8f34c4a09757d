import { ForbiddenError, UnauthenticatedError } from '@glint/domain-errors';
import type { AppScope, OperatorPrincipal, Principal, StaffRole, UserPrincipal } from './principal';

/** The signed-in person; anonymous callers and app tokens are refused. */
export function requireUser(principal: Principal): UserPrincipal {
  if (principal.kind === 'user') return principal;
  if (principal.kind === 'app') throw new ForbiddenError('user_session_required', 'This needs a signed-in user; an app token cannot do it.');
  throw new UnauthenticatedError('sign_in_required', 'Sign in first: send your session token as "Authorization: Bearer <token>".');
}

/** A staff member holding one of `roles`. */
export function requireStaff(principal: Principal, roles: readonly StaffRole[]): UserPrincipal {
  const user = requireUser(principal);
  if (user.staffRole === null || !roles.includes(user.staffRole)) {
    throw new ForbiddenError('staff_only', `Only platform staff (${roles.join(', ')}) may do this.`);
  }
  return user;
}

export function isStaff(principal: Principal, roles: readonly StaffRole[]): boolean {
  return principal.kind === 'user' && principal.staffRole !== null && roles.includes(principal.staffRole);
}

/**
 * Public API reads: anyone, and an app token only with `scope`. Users and anonymous callers read
 * what the public page shows; an app token's scopes limit what the app may read on top of that.
 */
export function requireScopeForApps(principal: Principal, scope: AppScope): void {
  if (principal.kind === 'app' && !principal.scopes.includes(scope)) {
    throw new ForbiddenError('missing_scope', `This app token lacks the "${scope}" scope; request a token with it.`);
  }
}

/**
 * A staff member holding one of `roles`, or an operator: who looks, as the record of a look names
 * them (null for an operator, whose actor is the tool).
 */
export function requireStaffOrOperator(principal: Principal | OperatorPrincipal, roles: readonly StaffRole[]): { staffUserId: string | null } {
  if (principal.kind === 'operator') return { staffUserId: null };
  return { staffUserId: requireStaff(principal, roles).userId };
}
