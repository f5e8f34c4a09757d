import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import { ApiPageResponse, type Page } from '@glint/api';
import type { CommandContext } from '@glint/event-sourcing';
import { Throttled } from '@glint/throttles';
import { CloseTicketCommand } from '../commands/close-ticket';
import { OpenTicketCommand } from '../commands/open-ticket';
import { ReplyToTicketCommand } from '../commands/reply-to-ticket';
import { GetSupportTicketQuery } from '../queries/get-support-ticket';
import { ListSupportTicketsQuery } from '../queries/list-support-tickets';
import { OpenTicketDto, TicketListQueryDto, TicketParams, TicketReplyDto } from './support-ticket.dto';
import { TicketResponse, TicketSummaryResponse, toTicketListResponse, toTicketResponse } from './support-ticket.response';

@ApiTags('support')
@ApiBearerAuth()
@Controller('api/support/tickets')
export class SupportTicketsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Throttled('tickets')
  @ApiOperation({ summary: 'Open a support ticket' })
  @ApiCreatedResponse({ type: TicketResponse })
  async open(@Body() body: OpenTicketDto, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<TicketResponse> {
    const ticketId = await this.commands.execute(new OpenTicketCommand(principal, body, context));
    return this.ticket(principal, ticketId);
  }

  @Get()
  @ApiOperation({ summary: 'My tickets, newest first; support staff see everyone’s' })
  @ApiPageResponse(TicketSummaryResponse)
  async list(@Query() query: TicketListQueryDto, @CurrentPrincipal() principal: Principal): Promise<Page<TicketSummaryResponse>> {
    return toTicketListResponse(await this.queries.execute(new ListSupportTicketsQuery(principal, query)));
  }

  @Get(':ticketId')
  @ApiOperation({ summary: 'A ticket with its messages (its owner and support staff)' })
  @ApiOkResponse({ type: TicketResponse })
  get(@Param() params: TicketParams, @CurrentPrincipal() principal: Principal): Promise<TicketResponse> {
    return this.ticket(principal, params.ticketId);
  }

  @Post(':ticketId/replies')
  @ApiOperation({ summary: 'Reply to an open ticket (its owner and support staff)' })
  @ApiCreatedResponse({ type: TicketResponse })
  async reply(
    @Param() params: TicketParams,
    @Body() body: TicketReplyDto,
    @CurrentPrincipal() principal: Principal,
    @RequestCommandContext() context: CommandContext,
  ): Promise<TicketResponse> {
    await this.commands.execute(new ReplyToTicketCommand(principal, params.ticketId, body.body, context));
    return this.ticket(principal, params.ticketId);
  }

  @Post(':ticketId/closure')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Close a ticket (its owner and support staff); closing it twice is a 409' })
  @ApiOkResponse({ type: TicketResponse })
  async close(@Param() params: TicketParams, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<TicketResponse> {
    await this.commands.execute(new CloseTicketCommand(principal, params.ticketId, context));
    return this.ticket(principal, params.ticketId);
  }

  /** Every route on one ticket answers with the ticket as it now stands. */
  private async ticket(principal: Principal, ticketId: string): Promise<TicketResponse> {
    return toTicketResponse(await this.queries.execute(new GetSupportTicketQuery(principal, ticketId)));
  }
}
