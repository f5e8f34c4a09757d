export * from './events';
export { countFollowers, countFollowing, listFollowers, listFollowing, type FollowListEntry, type FollowListPage } from './queries/follow-lists';
export { CommunityModule } from './community.module';
export { followDecider, type Follow } from './follow-decider';
