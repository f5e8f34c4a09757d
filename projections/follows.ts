import type { ChannelFollowed, ChannelUnfollowed, FollowNotificationsChanged } from '@glint/community';
import type { RecordedEvent } from '@glint/eventstore';
import { defineProjection } from '@glint/projection-engine';

type Recorded<Event extends { data: unknown }> = RecordedEvent<string, Event['data']>;

/** The identity context's fact that an account is gone. */
type AccountDeleted = { data: { userId: string } };

/**
 * Who follows whom, and how many each user has of both. A follow is a fact about two accounts
 * that stays true when one of them is deleted: the row stays, marked, and every count stays as it
 * was; lists show such an account as deleted, without its name.
 */
export const follows = defineProjection('follows', {
  tables: ['follows', 'follow_counts'],
  entities: [],
  handlers: {
    ChannelFollowed: async (event: Recorded<ChannelFollowed>, em) => {
      const { channelId, followerId, channelUsername, followerUsername, liveNotifications } = event.data;
      await em.execute(
        `INSERT INTO follows (channel_id, follower_id, channel_username, follower_username, live_notifications, followed_position, followed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [channelId, followerId, channelUsername, followerUsername, liveNotifications, event.position, new Date(event.metadata.occurredAt)],
        'run',
      );
      await em.execute(
        `INSERT INTO follow_counts (user_id, followers, following) VALUES (?, 1, 0), (?, 0, 1)
         ON CONFLICT (user_id) DO UPDATE SET followers = follow_counts.followers + excluded.followers, following = follow_counts.following + excluded.following`,
        [channelId, followerId],
        'run',
      );
    },
    FollowNotificationsChanged: async (event: Recorded<FollowNotificationsChanged>, em) => {
      const { channelId, followerId, liveNotifications } = event.data;
      await em.execute('UPDATE follows SET live_notifications = ? WHERE channel_id = ? AND follower_id = ?', [liveNotifications, channelId, followerId], 'run');
    },
    ChannelUnfollowed: async (event: Recorded<ChannelUnfollowed>, em) => {
      const { channelId, followerId } = event.data;
      await em.execute('DELETE FROM follows WHERE channel_id = ? AND follower_id = ?', [channelId, followerId], 'run');
      await em.execute('UPDATE follow_counts SET followers = followers - 1 WHERE user_id = ?', [channelId], 'run');
      await em.execute('UPDATE follow_counts SET following = following - 1 WHERE user_id = ?', [followerId], 'run');
    },
    AccountDeleted: async (event: Recorded<AccountDeleted>, em) => {
      await em.execute('UPDATE follows SET follower_deleted = true WHERE follower_id = ?', [event.data.userId], 'run');
      await em.execute('UPDATE follows SET channel_deleted = true WHERE channel_id = ?', [event.data.userId], 'run');
    },
  },
});
