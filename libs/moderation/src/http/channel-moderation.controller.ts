import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import { ApiPageResponse, PageQueryDto } from '@glint/api';
import type { CommandContext } from '@glint/event-sourcing';
import { ChangeChatStandingCommand, type StandingChange } from '../commands/change-chat-standing';
import { GetUserStandingQuery } from '../queries/get-user-standing';
import { ListModerationLogQuery } from '../queries/list-moderation-log';
import { BanUserDto, TimeOutUserDto } from './chat-standing.dto';
import { BanResponse, StandingResponse, TimeoutResponse, toBanResponse, toStandingResponse, toTimeoutResponse } from './chat-standing.response';
import { ModerationLogChannelResponse, ModerationLogEntryResponse, toModerationLogResponse, type ModerationLogResponse } from './moderation-log.response';

@ApiTags('moderation')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: '`sign_in_required`: sign in first' })
@ApiNotFoundResponse({ description: '`channel_not_found` or `user_not_found`' })
@Controller('api/channels/:username')
export class ChannelModerationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('timeouts')
  @ApiOperation({ summary: 'Time a chatter out for 10 s to 7 days (owner, staff, or a moderator with `timeout`); a second timeout replaces the first' })
  @ApiCreatedResponse({ type: TimeoutResponse })
  @ApiBadRequestResponse({ description: '`invalid_input` naming the field, `timeout_duration_required`, `ambiguous_timeout_duration`, `cannot_moderate_self`, `cannot_moderate_owner`' })
  @ApiForbiddenResponse({ description: '`missing_moderator_permission`, naming the permission' })
  async timeOut(
    @Param('username') channel: string,
    @Body() body: TimeOutUserDto,
    @CurrentPrincipal() principal: Principal,
    @RequestCommandContext() context: CommandContext,
  ): Promise<TimeoutResponse> {
    const change: StandingChange = { type: 'TimeOutUser', durationSeconds: body.durationSeconds, preset: body.preset, reason: body.reason };
    return toTimeoutResponse(await this.commands.execute(new ChangeChatStandingCommand(principal, channel, body.user, change, context)));
  }

  @Delete('timeouts/:targetUsername')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Lift a running timeout (owner, staff, or a moderator with `unTimeout`)' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: '`missing_moderator_permission`, naming the permission' })
  @ApiConflictResponse({ description: '`not_timed_out`: no timeout is running' })
  async liftTimeout(
    @Param('username') channel: string,
    @Param('targetUsername') target: string,
    @CurrentPrincipal() principal: Principal,
    @RequestCommandContext() context: CommandContext,
  ): Promise<void> {
    await this.commands.execute(new ChangeChatStandingCommand(principal, channel, target, { type: 'LiftTimeout' }, context));
  }

  @Post('bans')
  @ApiOperation({ summary: 'Ban a chatter from the channel for good (owner, staff, or a moderator with `ban`)' })
  @ApiCreatedResponse({ type: BanResponse })
  @ApiBadRequestResponse({ description: '`invalid_input` naming the field, `cannot_moderate_self`, `cannot_moderate_owner`' })
  @ApiForbiddenResponse({ description: '`missing_moderator_permission`, naming the permission' })
  @ApiConflictResponse({ description: '`already_banned`: banning twice records nothing' })
  async ban(@Param('username') channel: string, @Body() body: BanUserDto, @CurrentPrincipal() principal: Principal, @RequestCommandContext() context: CommandContext): Promise<BanResponse> {
    return toBanResponse(await this.commands.execute(new ChangeChatStandingCommand(principal, channel, body.user, { type: 'BanUser', reason: body.reason }, context)));
  }

  @Delete('bans/:targetUsername')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Lift a ban (owner, staff, or a moderator with `unban`)' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: '`missing_moderator_permission`, naming the permission' })
  @ApiConflictResponse({ description: '`not_banned`: the user is not banned here' })
  async unban(
    @Param('username') channel: string,
    @Param('targetUsername') target: string,
    @CurrentPrincipal() principal: Principal,
    @RequestCommandContext() context: CommandContext,
  ): Promise<void> {
    await this.commands.execute(new ChangeChatStandingCommand(principal, channel, target, { type: 'UnbanUser' }, context));
  }

  @Get('moderation-log')
  @ApiOperation({ summary: 'The channel’s moderation log, newest first (owner, its moderators, staff admin/support)' })
  @ApiPageResponse(ModerationLogEntryResponse, ModerationLogChannelResponse)
  @ApiBadRequestResponse({ description: '`invalid_input` naming the field, or `invalid_cursor`' })
  @ApiForbiddenResponse({ description: '`not_channel_moderator`' })
  async log(@Param('username') channel: string, @Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<ModerationLogResponse> {
    return toModerationLogResponse(await this.queries.execute(new ListModerationLogQuery(principal, channel, query)));
  }

  @Get('standing/:targetUsername')
  @ApiOperation({ summary: 'Whether a user is banned or timed out in the channel’s chat (owner, its moderators, staff admin/support)' })
  @ApiOkResponse({ type: StandingResponse })
  @ApiForbiddenResponse({ description: '`not_channel_moderator`' })
  async standing(@Param('username') channel: string, @Param('targetUsername') target: string, @CurrentPrincipal() principal: Principal): Promise<StandingResponse> {
    return toStandingResponse(await this.queries.execute(new GetUserStandingQuery(principal, channel, target)));
  }
}
