import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, requireScopeForApps, type Principal } from '@glint/access';
import { GetChannelPageQuery, type ChannelView } from '@glint/channels';
import { NotFoundError } from '@glint/domain-errors';
import { goLivePage } from './go-live-page';
import { loadPageAssets } from './page-assets';
import { pageHeaders, type DeviceUse } from './page-security';
import { channelNotFoundPage, watchPage } from './watch-page';

const USERNAME = /^[A-Za-z0-9_]{1,64}$/;
const HTML = 'text/html; charset=utf-8';

/**
 * Glint's web pages: a channel's watch page at /<username>, the go-live page for streamers, and
 * the scripts and style they load. Pages, not API: kept out of the API document.
 */
@ApiExcludeController()
@Controller()
export class WatchPagesController {
  private readonly assets = loadPageAssets();

  constructor(private readonly queries: QueryBus) {}

  @Get('assets/:asset')
  asset(@Param('asset') name: string, @Res() reply: FastifyReply): void {
    const asset = this.assets.get(name);
    if (!asset) throw new NotFoundError('asset_not_found', `Glint has no page asset named "${name}".`);
    void reply.header('x-content-type-options', 'nosniff').header('cache-control', 'public, max-age=300').type(asset.contentType).send(asset.body);
  }

  @Get('studio/go-live')
  goLive(@Res() reply: FastifyReply): void {
    sendPage(reply, 200, goLivePage(), 'camera and microphone');
  }

  /** Anyone may watch; an app reads channels only with the `public` scope, as on the channel API. */
  @Get(':username')
  async watch(@CurrentPrincipal() principal: Principal, @Param('username') username: string, @Res() reply: FastifyReply): Promise<void> {
    // An app without the `public` scope is refused whatever the path, even one no username can have.
    requireScopeForApps(principal, 'public');
    const channel = USERNAME.test(username) ? await this.channelAt(principal, username) : null;
    if (!channel) return sendPage(reply, 404, channelNotFoundPage(username), 'none');
    sendPage(reply, 200, watchPage(channel), 'none');
  }

  /** The channel the API shows at `username`; null where the API answers 404, which this page answers with a page of its own. */
  private async channelAt(principal: Principal, username: string): Promise<ChannelView | null> {
    try {
      return (await this.queries.execute(new GetChannelPageQuery(principal, username))).channel;
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }
}

function sendPage(reply: FastifyReply, status: number, html: string, devices: DeviceUse): void {
  void reply.status(status).headers(pageHeaders(devices)).type(HTML).send(html);
}
