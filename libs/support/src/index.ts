export * from './events';
export { SupportModule } from './support.module';
export { decideAccountView, SUPPORT_DESK_ROLES, VIEW_REASON_LENGTH, type ViewAccount } from './account-view-decider';
export { type AccountState, type AccountProfile, type ChannelState } from './account-state/account-state';
export { replayAccountState } from './account-state/account-state-replay';
export { OpenTicketCommand } from './commands/open-ticket';
export { ViewAccountHistoryCommand } from './commands/view-account-history';
export { ViewAccountStateCommand } from './commands/view-account-state';
