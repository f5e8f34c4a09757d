import type { AppOwnerStanding } from './developer-app-decider';

/** Why an app gets no token and its tokens are not honoured, though neither it nor its secret changed. */
export type AppSuspension = 'owner_globally_banned' | 'owner_deleted';
export const APP_SUSPENSIONS: readonly AppSuspension[] = ['owner_globally_banned', 'owner_deleted'];

/** The suspension its owner's standing puts on an app; a deletion outlasts any ban. */
export function appSuspensionOf(owner: AppOwnerStanding): AppSuspension | null {
  if (owner.deleted) return 'owner_deleted';
  if (owner.globallyBanned) return 'owner_globally_banned';
  return null;
}
