import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, requireScopeForApps, type Principal } from '@glint/access';
import { readChannelByUsername } from '@glint/channels';
import { NotFoundError } from '@glint/domain-errors';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
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

  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

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
    requireScopeForApps(principal, 'public');
    const channel = USERNAME.test(username) ? await readChannelByUsername(this.readModels.entityManager(), username) : null;
    if (!channel || channel.deleted) return sendPage(reply, 404, channelNotFoundPage(username), 'none');
    sendPage(reply, 200, watchPage(channel), 'none');
  }
}

function sendPage(reply: FastifyReply, status: number, html: string, devices: DeviceUse): void {
  void reply.status(status).headers(pageHeaders(devices)).type(HTML).send(html);
}
