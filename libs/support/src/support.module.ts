import { Module } from '@nestjs/common';
import { ThrottlesModule } from '@glint/throttles';
import { CloseTicketHandler } from './commands/close-ticket';
import { OpenTicketHandler } from './commands/open-ticket';
import { ReplyToTicketHandler } from './commands/reply-to-ticket';
import { ViewAccountHistoryHandler } from './commands/view-account-history';
import { ViewAccountStateHandler } from './commands/view-account-state';
import { AccountViewsController } from './http/account-views.controller';
import { SupportTicketsController } from './http/support-tickets.controller';
import { GetSupportTicketHandler } from './queries/get-support-ticket';
import { ListSupportTicketsHandler } from './queries/list-support-tickets';

@Module({
  imports: [ThrottlesModule],
  controllers: [AccountViewsController, SupportTicketsController],
  providers: [ViewAccountHistoryHandler, ViewAccountStateHandler, OpenTicketHandler, ReplyToTicketHandler, CloseTicketHandler, GetSupportTicketHandler, ListSupportTicketsHandler],
})
export class SupportModule {}
