import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@glint/runtime';
import { RedisFanOut } from './redis-fan-out';
import { SocketAuthentication } from './socket/socket-authentication';

/**
 * What every live socket of a process shares: its one Redis subscriber, and who is on a socket.
 * The chat socket and /ws/live import it; Nest builds it once for both.
 */
@Module({
  providers: [{ provide: RedisFanOut, useFactory: (redis: Redis) => new RedisFanOut(redis), inject: [REDIS] }, SocketAuthentication],
  exports: [RedisFanOut, SocketAuthentication],
})
export class LiveSocketsModule implements OnApplicationShutdown {
  constructor(@Inject(RedisFanOut) private readonly fanOut: RedisFanOut) {}

  async onApplicationShutdown(): Promise<void> {
    await this.fanOut.close();
  }
}
