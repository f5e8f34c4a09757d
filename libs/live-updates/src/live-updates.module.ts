import { Module, type DynamicModule } from '@nestjs/common';
import type { InjectedFactory } from './injected-factory';
import { CHANNEL_ID_OF, type ChannelIdOf } from './live-channels';
import { LiveSocketsModule } from './live-sockets.module';
import { LiveUpdatesSocket } from './live-updates.socket';

export interface LiveUpdatesOptions {
  /** How a `channel:<username>` topic finds its channel. */
  channelIdOf: InjectedFactory<ChannelIdOf>;
}

/** Live updates at /ws/live; the frames come through Redis from the one live relay. */
@Module({})
export class LiveUpdatesModule {
  static register(options: LiveUpdatesOptions): DynamicModule {
    return {
      module: LiveUpdatesModule,
      imports: [LiveSocketsModule],
      providers: [{ provide: CHANNEL_ID_OF, ...options.channelIdOf }, LiveUpdatesSocket],
    };
  }
}
