import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@glint/runtime';
import { ChatRateLimit } from './chat-rate-limit';
import { DeleteChatMessageHandler } from './commands/delete-chat-message';
import { SendChatMessageHandler } from './commands/send-chat-message';
import { ChatGateway } from './gateway/chat.gateway';
import { SocketAuthentication } from './gateway/socket-authentication';
import { ChatController } from './http/chat.controller';
import { RedisFanOut } from './live/redis-fan-out';
import { LiveUpdatesGateway } from './live-updates/live-updates.gateway';
import { RecentChatQuery } from './queries/recent-chat.query';

/**
 * Chat over HTTP and at /ws/chat, and live updates at /ws/live. The frames both sockets deliver
 * come through Redis from the platform's one live relay (see `relayPublications`).
 */
@Module({
  controllers: [ChatController],
  providers: [
    { provide: ChatRateLimit, useFactory: (redis: Redis) => new ChatRateLimit(redis), inject: [REDIS] },
    { provide: RedisFanOut, useFactory: (redis: Redis) => new RedisFanOut(redis), inject: [REDIS] },
    SocketAuthentication,
    SendChatMessageHandler,
    DeleteChatMessageHandler,
    RecentChatQuery,
    ChatGateway,
    LiveUpdatesGateway,
  ],
})
export class ChatModule implements OnApplicationShutdown {
  constructor(@Inject(RedisFanOut) private readonly fanOut: RedisFanOut) {}

  async onApplicationShutdown(): Promise<void> {
    await this.fanOut.close();
  }
}
