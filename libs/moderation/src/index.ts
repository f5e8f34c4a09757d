export * from './events';
export { ModerationModule } from './moderation.module';
export { chatStandingDecider, type ChatStanding, type ChatStandingCommand } from './chat-standing-decider';
export { reportDecider, type Report, type ReportCommand } from './report-decider';
export { TIMEOUT_PRESETS, MIN_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS, type TimeoutPreset } from './timeout-duration';
export { MODERATION_SEALED_FIELDS } from './sealed-fields';
