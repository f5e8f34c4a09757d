import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import { ApiPageResponse, type Page } from '@glint/api';
import type { CommandContext } from '@glint/event-sourcing';
import { PUBLIC_WEB_URL } from '@glint/runtime';
import { ShutDownStreamCommand } from '../commands/shut-down-stream';
import { ListLiveStreamsQuery } from '../queries/list-live-streams';
import { LiveListingQueryDto } from './live-listing.dto';
import { LiveStreamResponse, toLiveStreamPage } from './live-stream.response';
import { ShutdownStreamDto } from './shutdown-stream.dto';

@ApiTags('streams')
@ApiBearerAuth()
@Controller('api/streams')
export class StreamsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(PUBLIC_WEB_URL) private readonly publicWebUrl: string,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The streams live now, filtered by category, tags, language and maturity; most watched or newest first.' })
  @ApiPageResponse(LiveStreamResponse)
  @ApiBadRequestResponse({ description: '`invalid_input` naming the parameter, or `invalid_cursor`' })
  async live(@CurrentPrincipal() principal: Principal, @Query() query: LiveListingQueryDto): Promise<Page<LiveStreamResponse>> {
    const page = await this.queries.execute(
      new ListLiveStreamsQuery(principal, { category: query.category, tags: query.tags, language: query.language, mature: query.mature, sort: query.sort ?? 'viewers', limit: query.limit, cursor: query.cursor }),
    );
    return toLiveStreamPage(page, this.publicWebUrl);
  }

  @Post(':channel/shutdown')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: "End a channel's live stream (admin, support)." })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: '`staff_only`' })
  @ApiNotFoundResponse({ description: '`channel_not_found`, or `not_live`' })
  async shutdown(
    @CurrentPrincipal() principal: Principal,
    @Param('channel') channel: string,
    @Body() body: ShutdownStreamDto,
    @RequestCommandContext() context: CommandContext,
  ): Promise<void> {
    await this.commands.execute(new ShutDownStreamCommand(principal, channel, body.reason, context));
  }
}
