import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@glint/runtime';
import { ThrottlesModule } from '@glint/throttles';
import { RedisFanOut } from './redis-fan-out';
import { SocketAdmission } from './socket/socket-admission';
import { SocketAuthentication } from './socket/socket-authentication';

/**
 * What every live socket of a process shares: its one Redis subscriber, who is on a socket, and
 * the connection throttle. The chat socket and /ws/live import it; Nest builds it once for both.
 */
@Module({
  imports: [ThrottlesModule],
  providers: [{ provide: RedisFanOut, useFactory: (redis: Redis) => new RedisFanOut(redis), inject: [REDIS] }, SocketAuthentication, SocketAdmission],
  exports: [RedisFanOut, SocketAuthentication, SocketAdmission],
})
export class LiveSocketsModule implements OnApplicationShutdown {
  constructor(@Inject(RedisFanOut) private readonly fanOut: RedisFanOut) {}

  async onApplicationShutdown(): Promise<void> {
    await this.fanOut.close();
  }
}
