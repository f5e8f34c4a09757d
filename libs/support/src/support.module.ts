import { Module } from '@nestjs/common';
import { CloseTicketHandler } from './commands/close-ticket';
import { OpenTicketHandler } from './commands/open-ticket';
import { ReplyToTicketHandler } from './commands/reply-to-ticket';
import { ViewAccountHistoryHandler } from './commands/view-account-history';
import { ViewAccountStateHandler } from './commands/view-account-state';
import { AccountViewsController } from './http/account-views.controller';
import { SupportTicketsController } from './http/support-tickets.controller';
import { SupportTicketsQuery } from './queries/support-tickets-query';

@Module({
  controllers: [AccountViewsController, SupportTicketsController],
  providers: [ViewAccountHistoryHandler, ViewAccountStateHandler, OpenTicketHandler, ReplyToTicketHandler, CloseTicketHandler, SupportTicketsQuery],
})
export class SupportModule {}
