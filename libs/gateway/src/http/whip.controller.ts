import { Body, Controller, Delete, Header, Headers, HttpCode, HttpException, HttpStatus, Options, Param, Patch, Post, Res, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { VerifyStreamKeyQuery } from '@glint/channels';
import { UnauthenticatedError } from '@glint/domain-errors';
import { PublisherSignalling } from '../publisher-signalling';
import { parseTrickleFragment } from '../trickle-fragment';
import { allowPreflight, GatewayBearer } from './gateway-request';
import { GatewayRateLimit } from './gateway-rate-limit';
import { bodyOfType, SDP, TRICKLE_ICE_SDPFRAG } from './sdp-body';

/**
 * WHIP ingest (RFC 9725): an encoder publishes a channel with its stream key as the bearer token.
 * Documented in docs/gateway.md rather than the OpenAPI document, whose JSON schemas do not fit SDP.
 */
@ApiExcludeController()
@Controller('whip')
export class WhipController {
  constructor(
    private readonly signalling: PublisherSignalling,
    private readonly queries: QueryBus,
  ) {}

  @Options(':channel')
  @HttpCode(HttpStatus.NO_CONTENT)
  preflight(@Res({ passthrough: true }) reply: FastifyReply): void {
    allowPreflight(reply, ['POST']);
  }

  @Options(':channel/sessions/:sessionId')
  @HttpCode(HttpStatus.NO_CONTENT)
  sessionPreflight(@Res({ passthrough: true }) reply: FastifyReply): void {
    allowPreflight(reply, ['PATCH', 'DELETE']);
  }

  /** Checks in the order that tells the encoder most: what it sent, its key, the channel's state, its offer. */
  @Post(':channel')
  @UseGuards(GatewayRateLimit)
  @HttpCode(HttpStatus.CREATED)
  @Header('content-type', SDP)
  async publish(
    @Param('channel') channel: string,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @GatewayBearer() streamKey: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const offer = bodyOfType(contentType, body, SDP);
    const channelId = streamKey ? await this.queries.execute(new VerifyStreamKeyQuery(channel, streamKey)) : null;
    if (!channelId) {
      reply.header('www-authenticate', 'Bearer');
      throw new UnauthenticatedError('invalid_stream_key', 'Send the channel\'s current stream key as "Authorization: Bearer <stream key>"; a rotated key no longer works.');
    }
    const { sessionId, answer, etag } = await this.signalling.publish(channelId, offer);
    reply.headers({ location: `/whip/${encodeURIComponent(channel)}/sessions/${sessionId}`, etag });
    return answer;
  }

  /** The session's unguessable URL is what authorizes ending it; the key may come along and is not needed. */
  @Delete(':channel/sessions/:sessionId')
  @UseGuards(GatewayRateLimit)
  @HttpCode(HttpStatus.OK)
  async unpublish(@Param('sessionId') sessionId: string): Promise<void> {
    await this.signalling.unpublish(sessionId);
  }

  @Patch(':channel/sessions/:sessionId')
  @UseGuards(GatewayRateLimit)
  @HttpCode(HttpStatus.NO_CONTENT)
  trickle(@Param('sessionId') sessionId: string, @Body() body: unknown, @Headers('content-type') contentType: string | undefined, @Headers('if-match') ifMatch: string | undefined): void {
    const etag = this.signalling.etagOf(sessionId);
    const fragment = bodyOfType(contentType, body, TRICKLE_ICE_SDPFRAG);
    if (!ifMatch) throw new HttpException('Send the session\'s ETag (from the answer to the offer) in If-Match.', HttpStatus.PRECONDITION_REQUIRED);
    if (ifMatch.trim() !== etag) throw new HttpException('If-Match does not name this session\'s ETag.', HttpStatus.PRECONDITION_FAILED);
    this.signalling.trickle(sessionId, parseTrickleFragment(fragment));
  }
}
