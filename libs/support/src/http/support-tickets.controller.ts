import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import type { CommandContext } from '@glint/event-sourcing';
import { CloseTicketHandler } from '../commands/close-ticket';
import { OpenTicketHandler } from '../commands/open-ticket';
import { ReplyToTicketHandler } from '../commands/reply-to-ticket';
import { SupportTicketsQuery } from '../queries/support-tickets-query';
import { OpenTicketDto, TicketListQueryDto, TicketParams, TicketReplyDto } from './support-ticket.dto';
import { TicketListResponse, TicketResponse, toTicketListResponse, toTicketResponse } from './support-responses';

@ApiTags('support')
@ApiBearerAuth()
@Controller('api/support/tickets')
export class SupportTicketsController {
  constructor(
    private readonly openTicket: OpenTicketHandler,
    private readonly replyToTicket: ReplyToTicketHandler,
    private readonly closeTicket: CloseTicketHandler,
    private readonly tickets: SupportTicketsQuery,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Open a support ticket' })
  @ApiCreatedResponse({ type: TicketResponse })
  async open(@Body() body: OpenTicketDto, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<TicketResponse> {
    const ticketId = await this.openTicket.execute(principal, body, context);
    return toTicketResponse(await this.tickets.get(principal, ticketId));
  }

  @Get()
  @ApiOperation({ summary: 'My tickets, newest first; support staff see everyone’s' })
  @ApiOkResponse({ type: TicketListResponse })
  async list(@Query() query: TicketListQueryDto, @CurrentPrincipal() principal: Principal): Promise<TicketListResponse> {
    return toTicketListResponse(await this.tickets.list(principal, query));
  }

  @Get(':ticketId')
  @ApiOperation({ summary: 'A ticket with its messages (its owner and support staff)' })
  @ApiOkResponse({ type: TicketResponse })
  async get(@Param() params: TicketParams, @CurrentPrincipal() principal: Principal): Promise<TicketResponse> {
    return toTicketResponse(await this.tickets.get(principal, params.ticketId));
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
    await this.replyToTicket.execute(principal, params.ticketId, body.body, context);
    return toTicketResponse(await this.tickets.get(principal, params.ticketId));
  }

  @Post(':ticketId/closure')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Close a ticket (its owner and support staff); closing it twice is a 409' })
  @ApiOkResponse({ type: TicketResponse })
  async close(@Param() params: TicketParams, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<TicketResponse> {
    await this.closeTicket.execute(principal, params.ticketId, context);
    return toTicketResponse(await this.tickets.get(principal, params.ticketId));
  }
}
