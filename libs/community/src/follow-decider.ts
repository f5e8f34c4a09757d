import { ValidationError } from '@glint/domain-errors';
import { unreachable, type Decider } from '@glint/event-sourcing';
import type { FollowEvent } from './events';

/** One user's follow of one channel. */
export type Follow = { following: false } | { following: true; liveNotifications: boolean };

export type FollowChannel = {
  type: 'FollowChannel';
  channelId: string;
  ownerId: string;
  channelUsername: string;
  followerId: string;
  followerUsername: string;
  liveNotifications: boolean;
};
export type UnfollowChannel = { type: 'UnfollowChannel'; channelId: string; followerId: string };
export type FollowCommand = FollowChannel | UnfollowChannel;

export const initialState: Follow = { following: false };

export function evolve(state: Follow, event: FollowEvent): Follow {
  switch (event.type) {
    case 'ChannelFollowed':
    case 'FollowNotificationsChanged':
      return { following: true, liveNotifications: event.data.liveNotifications };
    case 'ChannelUnfollowed':
      return { following: false };
    default:
      return unreachable(event);
  }
}

/** Following and unfollowing are idempotent: repeating either records nothing. */
export function decide(command: FollowCommand, state: Follow): FollowEvent[] {
  switch (command.type) {
    case 'FollowChannel': {
      const { channelId, followerId, liveNotifications } = command;
      if (followerId === command.ownerId) throw new ValidationError('cannot_follow_self', 'You cannot follow your own channel.');
      if (!state.following) {
        return [{ type: 'ChannelFollowed', data: { channelId, followerId, liveNotifications, channelUsername: command.channelUsername, followerUsername: command.followerUsername } }];
      }
      if (state.liveNotifications === liveNotifications) return [];
      return [{ type: 'FollowNotificationsChanged', data: { channelId, followerId, liveNotifications } }];
    }
    case 'UnfollowChannel':
      return state.following ? [{ type: 'ChannelUnfollowed', data: { channelId: command.channelId, followerId: command.followerId } }] : [];
    default:
      return unreachable(command);
  }
}

export const followDecider: Decider<Follow, FollowCommand, FollowEvent> = { initialState, evolve, decide };
