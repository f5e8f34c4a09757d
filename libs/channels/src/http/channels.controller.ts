import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, requireScopeForApps, type Principal } from '@glint/access';
import type { CommandContext } from '@glint/event-sourcing';
import { CreateChannelCommand } from '../commands/create-channel';
import { RotateStreamKeyCommand } from '../commands/rotate-stream-key';
import { UpdateChannelInfoCommand } from '../commands/update-channel-info';
import { UpdateChatSettingsCommand } from '../commands/update-chat-settings';
import { GetChannelPageQuery } from '../queries/get-channel-page';
import { ChannelInfoChangesDto } from './channel-info-changes.dto';
import { ChannelPageCache } from './channel-page-cache';
import { ChannelPageResponse, toChannelPageResponse } from './channel-page.response';
import { ChatSettingsChangesDto } from './chat-settings-changes.dto';
import { CreateChannelDto } from './create-channel.dto';
import { CreatedChannelResponse, toCreatedChannelResponse } from './created-channel.response';
import { StreamKeyResponse } from './stream-key.response';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('api/channels')
export class ChannelsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly pageCache: ChannelPageCache,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Open your channel (one per user); the answer carries its stream key, shown this once.' })
  @ApiCreatedResponse({ type: CreatedChannelResponse })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateChannelDto, @RequestCommandContext() context: CommandContext): Promise<CreatedChannelResponse> {
    return toCreatedChannelResponse(await this.commands.execute(new CreateChannelCommand(principal, body, context)));
  }

  @Get(':username')
  @ApiOperation({ summary: "A channel's public page: anyone, or an app token with the public scope." })
  @ApiOkResponse({ type: ChannelPageResponse })
  async page(@CurrentPrincipal() principal: Principal, @Param('username') username: string): Promise<ChannelPageResponse> {
    // Signed-in people read the read model itself, so an edit of theirs shows on their next read.
    const cacheable = principal.kind !== 'user';
    if (cacheable) {
      requireScopeForApps(principal, 'public');
      const cached = this.pageCache.fresh(username);
      if (cached) return cached.response;
    }
    const page = await this.queries.execute(new GetChannelPageQuery(principal, username));
    const response = toChannelPageResponse(page);
    if (cacheable) this.pageCache.store(username, page.channel.channelId, response, page.checkpoint);
    return response;
  }

  @Patch(':username')
  @ApiOperation({ summary: "Change the channel's title, category, subcategory, tags, language or mature flag (owner, editors for the first four, admins)." })
  @ApiOkResponse({ type: ChannelPageResponse })
  async updateInfo(
    @CurrentPrincipal() principal: Principal,
    @Param('username') username: string,
    @Body() body: ChannelInfoChangesDto,
    @RequestCommandContext() context: CommandContext,
  ): Promise<ChannelPageResponse> {
    await this.commands.execute(new UpdateChannelInfoCommand(principal, username, body, context));
    return toChannelPageResponse(await this.queries.execute(new GetChannelPageQuery(principal, username)));
  }

  @Patch(':username/chat-settings')
  @ApiOperation({ summary: "Change the channel's chat rules and settings (owner, admins)." })
  @ApiOkResponse({ type: ChannelPageResponse })
  async updateChatSettings(
    @CurrentPrincipal() principal: Principal,
    @Param('username') username: string,
    @Body() body: ChatSettingsChangesDto,
    @RequestCommandContext() context: CommandContext,
  ): Promise<ChannelPageResponse> {
    await this.commands.execute(new UpdateChatSettingsCommand(principal, username, body, context));
    return toChannelPageResponse(await this.queries.execute(new GetChannelPageQuery(principal, username)));
  }

  @Post(':username/stream-key')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Replace the stream key (owner only); the old key stops working at once.' })
  @ApiOkResponse({ type: StreamKeyResponse })
  rotateStreamKey(@CurrentPrincipal() principal: Principal, @Param('username') username: string, @RequestCommandContext() context: CommandContext): Promise<StreamKeyResponse> {
    return this.commands.execute(new RotateStreamKeyCommand(principal, username, context));
  }
}
