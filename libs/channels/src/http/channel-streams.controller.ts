import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@glint/access';
import { ApiPageResponse, PageQueryDto, type Page } from '@glint/api';
import { GetStreamHealthQuery } from '../queries/get-stream-health';
import { ListPastBroadcastsQuery } from '../queries/list-past-broadcasts';
import { PastBroadcastResponse, toPastBroadcastResponse } from './past-broadcast.response';
import { StreamHealthSampleResponse, toStreamHealthSampleResponse } from './stream-health-sample.response';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('api/channels/:username/streams')
export class ChannelStreamsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: "The channel's past broadcasts, newest first: anyone, or an app token with the public scope." })
  @ApiPageResponse(PastBroadcastResponse)
  @ApiBadRequestResponse({ description: '`invalid_input` naming the parameter, or `invalid_cursor`' })
  @ApiNotFoundResponse({ description: '`channel_not_found`' })
  async list(@CurrentPrincipal() principal: Principal, @Param('username') username: string, @Query() query: PageQueryDto): Promise<Page<PastBroadcastResponse>> {
    const page = await this.queries.execute(new ListPastBroadcastsQuery(principal, username, query));
    return { items: page.items.map(toPastBroadcastResponse), nextCursor: page.nextCursor };
  }

  @Get(':streamId/health')
  @ApiOperation({
    summary:
      "A broadcast's health samples in the order taken (bitrate, packets and losses, resolution, codecs, viewers): the channel's owner, " +
      'its moderators holding the `edit` permission, and support and admin staff.',
  })
  @ApiPageResponse(StreamHealthSampleResponse)
  @ApiBadRequestResponse({ description: '`invalid_input` naming the parameter, or `invalid_cursor`' })
  @ApiForbiddenResponse({ description: '`not_channel_editor`, or `user_session_required` for an app token' })
  @ApiNotFoundResponse({ description: '`channel_not_found`, or `stream_not_found` for a broadcast the channel never had' })
  async health(
    @CurrentPrincipal() principal: Principal,
    @Param('username') username: string,
    @Param('streamId') streamId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<StreamHealthSampleResponse>> {
    const page = await this.queries.execute(new GetStreamHealthQuery(principal, username, streamId, query));
    return { items: page.items.map(toStreamHealthSampleResponse), nextCursor: page.nextCursor };
  }
}
