import type { DomainEvent } from '@glint/event-sourcing';

/** Facts of `chat-standing-<channelId>-<targetUserId>`: where one user stands in one channel's chat. */
export type UserTimedOut = DomainEvent<
  'UserTimedOut',
  {
    channelId: string;
    targetUserId: string;
    moderatorId: string;
    durationSeconds: number;
    /** ISO-8601: the moment the timeout ends on its own. */
    until: string;
    reason: string | null;
  }
>;
export type UserTimeoutLifted = DomainEvent<'UserTimeoutLifted', { channelId: string; targetUserId: string; moderatorId: string }>;
export type UserBanned = DomainEvent<'UserBanned', { channelId: string; targetUserId: string; moderatorId: string; reason: string | null }>;
export type UserUnbanned = DomainEvent<'UserUnbanned', { channelId: string; targetUserId: string; moderatorId: string }>;
export type ChatStandingEvent = UserTimedOut | UserTimeoutLifted | UserBanned | UserUnbanned;

export const REPORT_PLACES = ['stream', 'chat', 'profile', 'username'] as const;
/** Where the reported behaviour was seen. */
export type ReportPlace = (typeof REPORT_PLACES)[number];

export const REPORT_REASONS = ['hate_speech', 'inappropriate_content', 'copyright_or_law', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const REPORT_RESOLUTIONS = ['actioned', 'dismissed'] as const;
export type ReportResolution = (typeof REPORT_RESOLUTIONS)[number];

/** Facts of `report-<reportId>`: a user's report and how staff settled it. */
export type UserReported = DomainEvent<
  'UserReported',
  {
    reportId: string;
    reporterId: string;
    targetUserId: string;
    where: ReportPlace;
    why: ReportReason;
    /** Sealed with the reporter's key: erasing the reporter's account makes the notes unreadable. */
    notes: string | null;
    channelId?: string;
  }
>;
export type ReportResolved = DomainEvent<'ReportResolved', { reportId: string; reporterId: string; targetUserId: string; resolution: ReportResolution; note: string }>;
export type ReportEvent = UserReported | ReportResolved;

export type ModerationEvent = ChatStandingEvent | ReportEvent;

export const chatStandingStream = (channelId: string, targetUserId: string): string => `chat-standing-${channelId}-${targetUserId}`;
export const reportStream = (reportId: string): string => `report-${reportId}`;
