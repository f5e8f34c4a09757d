import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Put, Query } from '@nestjs/common';
import { ApiPageResponse, PageQueryDto, type Page } from '@glint/api';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import type { CommandContext } from '@glint/event-sourcing';
import { RemoveModeratorCommand } from '../commands/remove-moderator';
import { SetModeratorPermissionsCommand } from '../commands/set-moderator-permissions';
import { ListChannelModeratorsQuery } from '../queries/list-channel-moderators';
import { SetModeratorDto } from './moderator-permissions.dto';
import { ModeratorResponse, toModeratorResponse } from './moderator.response';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('api/channels/:username/moderators')
export class ChannelModeratorsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({ summary: "The channel's moderators and their permissions (owner, its moderators, support and admin staff)." })
  @ApiPageResponse(ModeratorResponse)
  async list(@CurrentPrincipal() principal: Principal, @Param('username') username: string, @Query() query: PageQueryDto): Promise<Page<ModeratorResponse>> {
    const page = await this.queries.execute(new ListChannelModeratorsQuery(principal, username, query));
    return { items: page.items.map(toModeratorResponse), nextCursor: page.nextCursor };
  }

  @Put(':moderatorUsername')
  @ApiOperation({ summary: "Appoint a moderator, or replace an appointed moderator's permissions (owner, admins)." })
  @ApiOkResponse({ type: ModeratorResponse })
  async set(
    @CurrentPrincipal() principal: Principal,
    @Param('username') username: string,
    @Param('moderatorUsername') moderatorUsername: string,
    @Body() body: SetModeratorDto,
    @RequestCommandContext() context: CommandContext,
  ): Promise<ModeratorResponse> {
    return toModeratorResponse(await this.commands.execute(new SetModeratorPermissionsCommand(principal, username, moderatorUsername, body.permissions, context)));
  }

  @Delete(':moderatorUsername')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a moderator (owner, admins); 409 when the user is not one.' })
  @ApiNoContentResponse()
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param('username') username: string,
    @Param('moderatorUsername') moderatorUsername: string,
    @RequestCommandContext() context: CommandContext,
  ): Promise<void> {
    await this.commands.execute(new RemoveModeratorCommand(principal, username, moderatorUsername, context));
  }
}
