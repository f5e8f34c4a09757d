export * from './events';
export { countFollowers, countFollowing, listFollowers, listFollowing, type FollowListEntry, type FollowListPage, type FollowListQuery } from './queries/follow-lists';
export { CommunityModule } from './community.module';
export { followDecider, type Follow } from './decider';
