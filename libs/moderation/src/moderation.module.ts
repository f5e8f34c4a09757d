import { Module } from '@nestjs/common';
import { ChangeChatStandingHandler } from './commands/change-chat-standing';
import { ReportUserHandler } from './commands/report-user';
import { ResolveReportHandler } from './commands/resolve-report';
import { ChannelModerationController } from './http/channel-moderation.controller';
import { ReportsController } from './http/reports.controller';
import { StaffModerationController } from './http/staff-moderation.controller';
import { ChannelModerationLogQuery } from './queries/channel-moderation-log';
import { ReportQueueQuery } from './queries/report-queue';
import { StaffAuditTrailQuery } from './queries/staff-audit-trail';
import { UserStandingQuery } from './queries/user-standing';

/** Channel timeouts and bans, user reports and the staff's queue, the moderation and staff audit logs. */
@Module({
  controllers: [ChannelModerationController, ReportsController, StaffModerationController],
  providers: [ChangeChatStandingHandler, ReportUserHandler, ResolveReportHandler, ChannelModerationLogQuery, UserStandingQuery, ReportQueueQuery, StaffAuditTrailQuery],
})
export class ModerationModule {}
