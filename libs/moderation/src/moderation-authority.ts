import { ForbiddenError } from '@glint/domain-errors';
import type { StaffRole, UserPrincipal } from '@glint/access';

/** The moderator permissions that act on a user's chat standing (channels also grants deleteMessage and edit). */
export const STANDING_PERMISSIONS = ['timeout', 'unTimeout', 'ban', 'unban'] as const;
export type StandingPermission = (typeof STANDING_PERMISSIONS)[number];
export type StandingPermissions = Readonly<Record<StandingPermission, boolean>>;

/** Platform staff who act in any channel with its owner's authority. Analysts only read figures. */
export const MODERATING_STAFF_ROLES: readonly StaffRole[] = ['admin', 'support'];

/** What a signed-in user may do in one channel's chat, as the command that needs it is decided. */
export type ModerationAuthority =
  | { kind: 'owner' }
  | { kind: 'staff' }
  | { kind: 'moderator'; permissions: StandingPermissions }
  | { kind: 'none' };

/**
 * The owner first: an owner who is also staff acts as the owner. A staff member appointed as a
 * moderator still has the staff's full authority.
 */
export function moderationAuthority(user: Pick<UserPrincipal, 'userId' | 'staffRole'>, ownerId: string, moderatorPermissions: StandingPermissions | null): ModerationAuthority {
  if (user.userId === ownerId) return { kind: 'owner' };
  if (user.staffRole !== null && MODERATING_STAFF_ROLES.includes(user.staffRole)) return { kind: 'staff' };
  if (moderatorPermissions) return { kind: 'moderator', permissions: moderatorPermissions };
  return { kind: 'none' };
}

const WHAT_IT_ALLOWS: Record<StandingPermission, string> = {
  timeout: 'Timing users out',
  unTimeout: 'Lifting timeouts',
  ban: 'Banning users',
  unban: 'Unbanning users',
};

export function assertHoldsPermission(authority: ModerationAuthority, permission: StandingPermission): void {
  if (authority.kind === 'owner' || authority.kind === 'staff') return;
  if (authority.kind === 'moderator' && authority.permissions[permission]) return;
  throw new ForbiddenError(
    'missing_moderator_permission',
    `${WHAT_IT_ALLOWS[permission]} in this channel needs the "${permission}" moderator permission; ask the channel owner to grant it.`,
  );
}

/** The moderation log and users' standings are for the owner, every moderator of the channel whatever their permissions, and staff. */
export function assertOverseesChannel(authority: ModerationAuthority): void {
  if (authority.kind === 'none') {
    throw new ForbiddenError('not_channel_moderator', "Only the channel's owner, its moderators and platform staff (admin, support) may see this.");
  }
}
