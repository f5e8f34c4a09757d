import { Module } from '@nestjs/common';
import { ThrottlesModule } from '@glint/throttles';
import { ChangeChatStandingHandler } from './commands/change-chat-standing';
import { ReportUserHandler } from './commands/report-user';
import { ResolveReportHandler } from './commands/resolve-report';
import { ChannelModerationController } from './http/channel-moderation.controller';
import { ReportsController } from './http/reports.controller';
import { StaffModerationController } from './http/staff-moderation.controller';
import { GetUserStandingHandler } from './queries/get-user-standing';
import { ListModerationLogHandler } from './queries/list-moderation-log';
import { ListReportsHandler } from './queries/list-reports';
import { ListStaffAuditLogHandler } from './queries/list-staff-audit-log';

/** Channel timeouts and bans, user reports and the staff's queue, the moderation and staff audit logs. */
@Module({
  imports: [ThrottlesModule],
  controllers: [ChannelModerationController, ReportsController, StaffModerationController],
  providers: [
    ChangeChatStandingHandler,
    ReportUserHandler,
    ResolveReportHandler,
    ListModerationLogHandler,
    GetUserStandingHandler,
    ListReportsHandler,
    ListStaffAuditLogHandler,
  ],
})
export class ModerationModule {}
