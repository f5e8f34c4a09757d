export { NotificationsModule } from './notifications.module';
export { NotifyFollowersCommand, type GoLiveOutcome } from './commands/notify-followers';
export { GoLiveJobs, GoLiveWorker, GO_LIVE_QUEUE, NOTIFY_FOLLOWERS, goLiveJobId, notifyFollowersJobs, type NotifyFollowersJob } from './go-live-jobs';
export { claimFollowers, NOTIFY_AT_MOST_EVERY, type ClaimedFollower, type MailOutcome } from './go-live-claims';
export { goLiveFrame, goLiveMail, watchUrl, type GoLiveFacts } from './go-live-message';
