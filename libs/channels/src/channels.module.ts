import { Module } from '@nestjs/common';
import { ChannelQueriesModule } from './channel-queries.module';
import { CreateChannelHandler } from './commands/create-channel';
import { RemoveModeratorHandler } from './commands/remove-moderator';
import { RotateStreamKeyHandler } from './commands/rotate-stream-key';
import { SetModeratorPermissionsHandler } from './commands/set-moderator-permissions';
import { UpdateChannelInfoHandler } from './commands/update-channel-info';
import { UpdateChatSettingsHandler } from './commands/update-chat-settings';
import { ChannelModeratorsController } from './http/channel-moderators.controller';
import { ChannelPageCache } from './http/channel-page-cache';
import { ChannelPageChangeFeed } from './http/channel-page-change-feed';
import { ChannelStreamsController } from './http/channel-streams.controller';
import { ChannelsController } from './http/channels.controller';

/** Channels, their settings and stream keys, and the moderators their owners appoint. */
@Module({
  imports: [ChannelQueriesModule],
  controllers: [ChannelsController, ChannelModeratorsController, ChannelStreamsController],
  providers: [
    CreateChannelHandler,
    UpdateChannelInfoHandler,
    UpdateChatSettingsHandler,
    RotateStreamKeyHandler,
    SetModeratorPermissionsHandler,
    RemoveModeratorHandler,
    { provide: ChannelPageCache, useFactory: () => new ChannelPageCache() },
    ChannelPageChangeFeed,
  ],
  exports: [ChannelPageCache],
})
export class ChannelsModule {}
