export * from './events';
export { CommunityModule } from './community.module';
export { followDecider, type Follow } from './follow-decider';
