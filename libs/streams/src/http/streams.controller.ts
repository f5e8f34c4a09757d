import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestCommandContext, type Principal } from '@glint/access';
import type { CommandContext } from '@glint/event-sourcing';
import { PUBLIC_WEB_URL } from '@glint/runtime';
import { ShutDownStreamCommand } from '../commands/shut-down-stream';
import { ListLiveStreamsQuery } from '../queries/list-live-streams';
import { LIVE_LISTING_DEFAULT_LIMIT, LiveListingQueryDto } from './live-listing-query.dto';
import { LiveStreamsResponse, toLiveStreamsResponse } from './live-streams.response';
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
  @ApiOkResponse({ type: LiveStreamsResponse })
  @ApiBadRequestResponse({ description: '`invalid_input` naming the parameter, or `invalid_cursor`' })
  async live(@CurrentPrincipal() principal: Principal, @Query() query: LiveListingQueryDto): Promise<LiveStreamsResponse> {
    const page = await this.queries.execute(
      new ListLiveStreamsQuery(principal, {
        category: query.category,
        tags: query.tags,
        language: query.language,
        mature: query.mature,
        sort: query.sort ?? 'viewers',
        limit: query.limit ?? LIVE_LISTING_DEFAULT_LIMIT,
        cursor: query.cursor,
      }),
    );
    return toLiveStreamsResponse(page, this.publicWebUrl);
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
