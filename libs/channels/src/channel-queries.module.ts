import { Module } from '@nestjs/common';
import { GetChannelPageHandler } from './queries/get-channel-page';
import { GetStreamHealthHandler } from './queries/get-stream-health';
import { GetWatchedChannelHandler } from './queries/get-watched-channel';
import { ListPastBroadcastsHandler } from './queries/list-past-broadcasts';
import { ListChannelModeratorsHandler } from './queries/list-channel-moderators';
import { VerifyStreamKeyHandler } from './queries/verify-stream-key';

/**
 * The channels context's query handlers, without its routes: what a process that serves no
 * channel API (a gateway on its own machine) imports to send channel queries. Nest makes the
 * module once however many modules import it, so each handler is registered once.
 */
@Module({
  providers: [GetChannelPageHandler, ListChannelModeratorsHandler, VerifyStreamKeyHandler, GetWatchedChannelHandler, ListPastBroadcastsHandler, GetStreamHealthHandler],
})
export class ChannelQueriesModule {}
