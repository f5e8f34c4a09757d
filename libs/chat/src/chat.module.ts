import { Module } from '@nestjs/common';
import { LiveSocketsModule } from '@glint/live-updates';
import { ThrottlesModule } from '@glint/throttles';
import { DeleteChatMessageHandler } from './commands/delete-chat-message';
import { SendChatMessageHandler } from './commands/send-chat-message';
import { ChatController } from './http/chat.controller';
import { ListChatMessagesHandler } from './queries/list-chat-messages';
import { RecentChatHandler } from './queries/recent-chat';
import { ChatSocket } from './socket/chat.socket';

/**
 * Chat over HTTP and at /ws/chat. The frames the socket delivers come through Redis from the
 * platform's one live relay (see `chatPublications`).
 */
@Module({
  imports: [LiveSocketsModule, ThrottlesModule],
  controllers: [ChatController],
  providers: [
    SendChatMessageHandler,
    DeleteChatMessageHandler,
    RecentChatHandler,
    ListChatMessagesHandler,
    ChatSocket,
  ],
})
export class ChatModule {}
