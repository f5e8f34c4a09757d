import type { StaffRole } from '@glint/access';
import type { ModeratorPermissions } from './moderator-permissions';

/** Who asks for a change to a channel, with the standing a decision about it needs. */
export interface ActingUser {
  userId: string;
  staffRole: StaffRole | null;
  /** The user's permissions as a moderator of the channel concerned; null when not one of its moderators. */
  moderatorPermissions: ModeratorPermissions | null;
}

/** Platform admins may act on any channel as its owner would, except on its stream key. */
export function isOwnerOrAdmin(user: ActingUser, ownerId: string): boolean {
  return user.userId === ownerId || user.staffRole === 'admin';
}

/** The moderator list is for the people who moderate the channel, and for staff who look into it. */
export function mayViewModerators(user: ActingUser, ownerId: string): boolean {
  return user.userId === ownerId || user.moderatorPermissions !== null || user.staffRole === 'admin' || user.staffRole === 'support';
}

/**
 * A broadcast's health is for whoever runs the channel's broadcasts: the owner, its editors (the
 * moderators with the `edit` permission, who keep its title and category), and staff who look into it.
 */
export function mayViewStreamHealth(user: ActingUser, ownerId: string): boolean {
  return user.userId === ownerId || user.moderatorPermissions?.edit === true || user.staffRole === 'admin' || user.staffRole === 'support';
}
