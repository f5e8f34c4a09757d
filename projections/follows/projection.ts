import type { ChannelFollowed, ChannelUnfollowed, FollowNotificationsChanged } from '@glint/community/events';
import type { AccountDeleted } from '@glint/identity/events';
import { defineProjection } from '@glint/projection-engine';
import { followCountsTable, followsTable } from './tables';

const noCounts = (userId: string) => ({ insertIfMissing: { user_id: userId, followers: 0, following: 0 } });

/**
 * Who follows whom, and how many each user has of both. A follow is a fact about two accounts
 * that stays true when one of them is deleted: the row stays, marked, and every count stays as it
 * was; lists show such an account as deleted, without its name.
 */
export const follows = defineProjection<ChannelFollowed | FollowNotificationsChanged | ChannelUnfollowed | AccountDeleted>()({
  name: 'follows',
  tables: { follows: followsTable, follow_counts: followCountsTable },
  handlers: {
    ChannelFollowed: (event, tables) => {
      const { channelId, followerId, channelUsername, followerUsername, liveNotifications } = event.data;
      tables.follows.put({
        channel_id: channelId,
        follower_id: followerId,
        channel_username: channelUsername,
        follower_username: followerUsername,
        live_notifications: liveNotifications,
        followed_position: event.position,
        followed_at: new Date(event.metadata.occurredAt),
        channel_deleted: false,
        follower_deleted: false,
      });
      tables.follow_counts.add({ user_id: channelId }, 'followers', 1, noCounts(channelId));
      tables.follow_counts.add({ user_id: followerId }, 'following', 1, noCounts(followerId));
    },
    FollowNotificationsChanged: ({ data }, tables) => {
      tables.follows.set({ channel_id: data.channelId, follower_id: data.followerId }, { live_notifications: data.liveNotifications });
    },
    ChannelUnfollowed: ({ data }, tables) => {
      tables.follows.remove({ channel_id: data.channelId, follower_id: data.followerId });
      tables.follow_counts.add({ user_id: data.channelId }, 'followers', -1);
      tables.follow_counts.add({ user_id: data.followerId }, 'following', -1);
    },
    AccountDeleted: async ({ data }, tables) => {
      await tables.follows.updateWhere({ follower_id: data.userId }, { follower_deleted: true });
      await tables.follows.updateWhere({ channel_id: data.userId }, { channel_deleted: true });
    },
  },
});
