import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@glint/domain-errors';
import { unreachable, type Decider } from '@glint/event-sourcing';
import { isOwnerOrAdmin, type ActingUser } from './acting-user';
import type { ModeratorEvent } from './events';
import { grantsAnything, permissionsOf, samePermissions, type ModeratorPermissions } from './moderator-permissions';

/** A channel's moderators and what each may do, by user id. */
export type ModeratorAppointments = { moderators: Readonly<Record<string, ModeratorPermissions>> };

/** The user to appoint, as the identity context knows them. */
export interface Appointee {
  userId: string;
  username: string;
  deleted: boolean;
  globallyBanned: boolean;
}

/** Appoints a moderator, or changes an appointed moderator's permissions: one idempotent "set". */
export type SetModeratorPermissions = {
  type: 'SetModeratorPermissions';
  channelId: string;
  ownerId: string;
  by: ActingUser;
  moderator: Appointee;
  permissions: ModeratorPermissions;
};
export type RemoveModerator = { type: 'RemoveModerator'; channelId: string; ownerId: string; by: ActingUser; moderatorId: string };
export type ModeratorCommand = SetModeratorPermissions | RemoveModerator;

export const initialState: ModeratorAppointments = { moderators: {} };

export function evolve(state: ModeratorAppointments, event: ModeratorEvent): ModeratorAppointments {
  switch (event.type) {
    case 'ModeratorAppointed':
    case 'ModeratorPermissionsChanged':
      return { moderators: { ...state.moderators, [event.data.moderatorId]: event.data.permissions } };
    case 'ModeratorRemoved': {
      const { [event.data.moderatorId]: _removed, ...rest } = state.moderators;
      return { moderators: rest };
    }
    default:
      return unreachable(event);
  }
}

export function decide(command: ModeratorCommand, state: ModeratorAppointments): ModeratorEvent[] {
  if (!isOwnerOrAdmin(command.by, command.ownerId)) throw new ForbiddenError('not_channel_owner', "Only the channel's owner and platform admins may appoint and remove its moderators.");
  const { channelId, ownerId, by } = command;
  switch (command.type) {
    case 'SetModeratorPermissions': {
      const { moderator } = command;
      const permissions = permissionsOf(command.permissions);
      if (moderator.userId === ownerId) throw new ValidationError('owner_cannot_be_moderator', 'The owner may do everything in their channel already; appoint someone else.', 'moderatorUsername');
      if (moderator.deleted) throw new NotFoundError('user_not_found', `There is no user named "${moderator.username}".`);
      if (moderator.globallyBanned) throw new ConflictError('user_globally_banned', `${moderator.username} is banned from Glint and cannot moderate.`);
      if (!grantsAnything(permissions)) {
        throw new ValidationError('no_permission_granted', 'Grant at least one permission; to take every permission away, remove the moderator instead.', 'permissions');
      }
      const current = Object.hasOwn(state.moderators, moderator.userId) ? state.moderators[moderator.userId] : undefined;
      if (!current) {
        return [{ type: 'ModeratorAppointed', data: { channelId, ownerId, moderatorId: moderator.userId, moderatorUsername: moderator.username, permissions, changedBy: by.userId } }];
      }
      if (samePermissions(current, permissions)) return [];
      return [{ type: 'ModeratorPermissionsChanged', data: { channelId, ownerId, moderatorId: moderator.userId, permissions, changedBy: by.userId } }];
    }
    case 'RemoveModerator': {
      if (!Object.hasOwn(state.moderators, command.moderatorId)) throw new ConflictError('not_a_moderator', 'That user is not a moderator of this channel; there is nothing to remove.');
      return [{ type: 'ModeratorRemoved', data: { channelId, ownerId, moderatorId: command.moderatorId, changedBy: by.userId } }];
    }
    default:
      return unreachable(command);
  }
}

export const moderatorsDecider: Decider<ModeratorAppointments, ModeratorCommand, ModeratorEvent> = { initialState, evolve, decide };
