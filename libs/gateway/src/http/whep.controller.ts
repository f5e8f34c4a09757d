import { Body, Controller, Delete, Headers, HttpCode, HttpStatus, Inject, Optional, Options, Param, Post, Res, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SESSION_TOKEN_RESOLVER, type PrincipalResolver } from '@glint/access';
import { GetWatchedChannelQuery } from '@glint/channels';
import { viewerIdentity } from '../viewer-identity';
import { ViewerSignalling } from '../viewer-signalling';
import { allowPreflight, GatewayBearer } from './gateway-request';
import { GatewayRateLimit } from './gateway-rate-limit';
import { bodyOfType, SDP } from './sdp-body';

/**
 * WHEP playback: anyone may watch a live channel. A viewer who reached a gateway that does not hold
 * the channel is redirected (307) to the one that does. Documented in docs/gateway.md.
 */
@ApiExcludeController()
@Controller('whep')
export class WhepController {
  constructor(
    private readonly signalling: ViewerSignalling,
    private readonly queries: QueryBus,
    @Optional() @Inject(SESSION_TOKEN_RESOLVER) private readonly sessions: PrincipalResolver | null,
  ) {}

  @Options(':channel')
  @HttpCode(HttpStatus.NO_CONTENT)
  preflight(@Res({ passthrough: true }) reply: FastifyReply): void {
    allowPreflight(reply, ['POST']);
  }

  @Options(':channel/sessions/:sessionId')
  @HttpCode(HttpStatus.NO_CONTENT)
  sessionPreflight(@Res({ passthrough: true }) reply: FastifyReply): void {
    allowPreflight(reply, ['DELETE']);
  }

  @Post(':channel')
  @UseGuards(GatewayRateLimit)
  async watch(
    @Param('channel') channel: string,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Headers('x-glint-viewer') viewerId: string | undefined,
    @GatewayBearer() bearer: string | null,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const offer = bodyOfType(contentType, body, SDP);
    const identity = await viewerIdentity(bearer, viewerId, this.sessions ?? null);
    const channelId = await this.queries.execute(new GetWatchedChannelQuery(channel));
    const playback = await this.signalling.watch(channelId, identity, offer);
    if (playback.kind === 'elsewhere') {
      await reply.status(HttpStatus.TEMPORARY_REDIRECT).header('location', `${playback.baseUrl.replace(/\/+$/, '')}/whep/${encodeURIComponent(channel)}`).send();
      return;
    }
    await reply.status(HttpStatus.CREATED).headers({ 'content-type': SDP, location: `/whep/${encodeURIComponent(channel)}/sessions/${playback.sessionId}` }).send(playback.answer);
  }

  @Delete(':channel/sessions/:sessionId')
  @UseGuards(GatewayRateLimit)
  @HttpCode(HttpStatus.OK)
  stopWatching(@Param('sessionId') sessionId: string): void {
    this.signalling.stopWatching(sessionId);
  }
}
