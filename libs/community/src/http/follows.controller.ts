import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import { ApiPageResponse, PageQueryDto } from '@glint/api';
import type { CommandContext } from '@glint/event-sourcing';
import { Throttled } from '@glint/throttles';
import { FollowChannelCommand } from '../commands/follow-channel';
import { UnfollowChannelCommand } from '../commands/unfollow-channel';
import { ListFollowersQuery } from '../queries/list-followers';
import { ListFollowingQuery } from '../queries/list-following';
import {
  FollowedChannelResponse,
  FollowerCountResponse,
  FollowerResponse,
  FollowingCountResponse,
  toFollowersResponse,
  toFollowingResponse,
  type FollowersResponse,
  type FollowingResponse,
} from './follow-list.response';
import { FollowDto } from './follow.dto';
import { FollowResponse, toFollowResponse } from './follow.response';

@ApiTags('follows')
@ApiBearerAuth()
@Controller('api')
export class FollowsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Put('channels/:username/follow')
  @Throttled('follows')
  @ApiOperation({ summary: 'Follow a channel, with or without live notifications; following again only changes the notifications.' })
  @ApiOkResponse({ type: FollowResponse })
  async follow(
    @CurrentPrincipal() principal: Principal,
    @Param('username') username: string,
    @Body() body: FollowDto,
    @RequestCommandContext() context: CommandContext,
  ): Promise<FollowResponse> {
    return toFollowResponse(await this.commands.execute(new FollowChannelCommand(principal, username, body.liveNotifications, context)));
  }

  @Delete('channels/:username/follow')
  @Throttled('follows')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Stop following a channel; nothing changes when you did not follow it.' })
  @ApiNoContentResponse()
  async unfollow(@CurrentPrincipal() principal: Principal, @Param('username') username: string, @RequestCommandContext() context: CommandContext): Promise<void> {
    await this.commands.execute(new UnfollowChannelCommand(principal, username, context));
  }

  @Get('channels/:username/followers')
  @ApiOperation({ summary: "A channel's followers, newest first, with their count." })
  @ApiPageResponse(FollowerResponse, FollowerCountResponse)
  async followers(@CurrentPrincipal() principal: Principal, @Param('username') username: string, @Query() query: PageQueryDto): Promise<FollowersResponse> {
    return toFollowersResponse(await this.queries.execute(new ListFollowersQuery(principal, username, query)));
  }

  @Get('users/:username/following')
  @ApiOperation({ summary: 'The channels a user follows, newest first, with their count.' })
  @ApiPageResponse(FollowedChannelResponse, FollowingCountResponse)
  async following(@CurrentPrincipal() principal: Principal, @Param('username') username: string, @Query() query: PageQueryDto): Promise<FollowingResponse> {
    return toFollowingResponse(await this.queries.execute(new ListFollowingQuery(principal, username, query)));
  }
}
