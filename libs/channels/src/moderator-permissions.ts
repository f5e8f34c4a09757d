/** What a channel's owner lets one of its moderators do; each permission is granted on its own. */
export interface ModeratorPermissions {
  timeout: boolean;
  unTimeout: boolean;
  ban: boolean;
  unban: boolean;
  deleteMessage: boolean;
  /** Editors may change the channel's title, category, subcategory and tags. */
  edit: boolean;
}

export const MODERATOR_PERMISSIONS = ['timeout', 'unTimeout', 'ban', 'unban', 'deleteMessage', 'edit'] as const satisfies ReadonlyArray<keyof ModeratorPermissions>;

export function samePermissions(a: ModeratorPermissions, b: ModeratorPermissions): boolean {
  return MODERATOR_PERMISSIONS.every((permission) => a[permission] === b[permission]);
}

export function grantsAnything(permissions: ModeratorPermissions): boolean {
  return MODERATOR_PERMISSIONS.some((permission) => permissions[permission]);
}

/** Exactly the six permissions, as a plain record: what an event may carry of whatever object held them. */
export function permissionsOf(source: ModeratorPermissions): ModeratorPermissions {
  return {
    timeout: source.timeout,
    unTimeout: source.unTimeout,
    ban: source.ban,
    unban: source.unban,
    deleteMessage: source.deleteMessage,
    edit: source.edit,
  };
}
