import { ValidationError } from '@glint/domain-errors';
import { decide, refusalOf } from '@glint/testing';
import type { FollowEvent } from './events';
import { followDecider, type FollowCommand } from './follow-decider';

const CHANNEL = 'a0000000-0000-4000-8000-000000000001';
const BEN = 'b0000000-0000-4000-8000-000000000002';

const follow = (liveNotifications: boolean, followerId = BEN): FollowCommand => ({
  type: 'FollowChannel',
  channelId: CHANNEL,
  ownerId: CHANNEL,
  channelUsername: 'ana',
  followerId,
  followerUsername: followerId === BEN ? 'ben' : 'ana',
  liveNotifications,
});
const unfollow: FollowCommand = { type: 'UnfollowChannel', channelId: CHANNEL, followerId: BEN };
const followed = (liveNotifications: boolean): FollowEvent => ({
  type: 'ChannelFollowed',
  data: { channelId: CHANNEL, followerId: BEN, liveNotifications, channelUsername: 'ana', followerUsername: 'ben' },
});
const notificationsChanged = (liveNotifications: boolean): FollowEvent => ({ type: 'FollowNotificationsChanged', data: { channelId: CHANNEL, followerId: BEN, liveNotifications } });
const unfollowed: FollowEvent = { type: 'ChannelUnfollowed', data: { channelId: CHANNEL, followerId: BEN } };

describe('the follow decider', () => {
  it.each<[string, FollowEvent[], FollowCommand, FollowEvent[]]>([
    ['a first follow records it', [], follow(true), [followed(true)]],
    ['a follow without live notifications records it', [], follow(false), [followed(false)]],
    ['a second follow records nothing', [followed(true)], follow(true), []],
    ['a follow asking for other notifications changes them', [followed(true)], follow(false), [notificationsChanged(false)]],
    ['changed notifications asked again records nothing', [followed(true), notificationsChanged(false)], follow(false), []],
    ['an unfollow records it', [followed(true), notificationsChanged(false)], unfollow, [unfollowed]],
    ['an unfollow when not following records nothing', [], unfollow, []],
    ['a second unfollow records nothing', [followed(false), unfollowed], unfollow, []],
    ['a follow after an unfollow records a new follow', [followed(true), unfollowed], follow(false), [followed(false)]],
  ])('%s', (_, given, when, then) => {
    expect(decide(followDecider, given, when)).toEqual(then);
  });

  it('refuses following your own channel', () => {
    const refusal = refusalOf(() => decide(followDecider, [], follow(true, CHANNEL)));
    expect(refusal).toBeInstanceOf(ValidationError);
    expect(refusal).toMatchObject({ code: 'cannot_follow_self' });
  });
});
