/**
 * Facts of the `follow-<channelId>-<followerId>` stream. The usernames are the public handles of
 * the two accounts at the time of the follow, so lists and live updates can name them without
 * asking another context.
 */
export type ChannelFollowed = {
  type: 'ChannelFollowed';
  data: { channelId: string; followerId: string; liveNotifications: boolean; channelUsername: string; followerUsername: string };
};

export type FollowNotificationsChanged = {
  type: 'FollowNotificationsChanged';
  data: { channelId: string; followerId: string; liveNotifications: boolean };
};

export type ChannelUnfollowed = {
  type: 'ChannelUnfollowed';
  data: { channelId: string; followerId: string };
};

export type FollowEvent = ChannelFollowed | FollowNotificationsChanged | ChannelUnfollowed;

export const followStreamName = (channelId: string, followerId: string): string => `follow-${channelId}-${followerId}`;
