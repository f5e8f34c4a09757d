import { ConflictError, ValidationError } from '@glint/domain-errors';
import { unreachable, type Decider } from '@glint/event-sourcing';
import type { UsernameEvent } from './events';

/** A username is the public handle of a channel, its URL: letters, digits and underscores. */
export const USERNAME_PATTERN = /^[a-zA-Z0-9_]{3,25}$/;
export const USERNAME_RULE = 'A username is 3 to 25 characters: letters a–z, digits and underscores.';

/** Names that would pass for Glint itself or its staff, or clash with its own pages. */
export const RESERVED_USERNAMES: ReadonlySet<string> = new Set([
  'admin',
  'administrator',
  'api',
  'glint',
  'glint_official',
  'help',
  'moderator',
  'official',
  'root',
  'security',
  'settings',
  'staff',
  'support',
  'system',
]);

/** `username` as its claimant spelled it. */
export type UsernameClaim = { claimedBy: string | null; username: string };

export type ClaimUsername = { type: 'ClaimUsername'; username: string; userId: string };
/** Only the claim of this user is released, so a late retry cannot free a name claimed again since. */
export type ReleaseUsername = { type: 'ReleaseUsername'; userId: string };

export type UsernameCommand = ClaimUsername | ReleaseUsername;

export const usernameDecider: Decider<UsernameClaim, UsernameCommand, UsernameEvent> = {
  initialState: { claimedBy: null, username: '' },

  evolve(state, event) {
    switch (event.type) {
      case 'UsernameClaimed':
        return { claimedBy: event.data.userId, username: event.data.username };
      case 'UsernameReleased':
        return { claimedBy: null, username: event.data.username };
      default:
        return unreachable(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'ClaimUsername': {
        const { username, userId } = command;
        if (!USERNAME_PATTERN.test(username)) throw new ValidationError('invalid_username', USERNAME_RULE, 'username');
        if (RESERVED_USERNAMES.has(username.toLowerCase())) {
          throw new ValidationError('username_reserved', `"${username}" is reserved for Glint itself; choose another username.`, 'username');
        }
        if (state.claimedBy !== null) throw new ConflictError('username_taken', `The username "${username}" is taken; choose another one.`, 'username');
        return [{ type: 'UsernameClaimed', data: { userId, username } }];
      }
      case 'ReleaseUsername':
        return state.claimedBy === command.userId ? [{ type: 'UsernameReleased', data: { userId: command.userId, username: state.username } }] : [];
      default:
        return unreachable(command);
    }
  },
};
