import { Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { GATEWAY_LOST_AFTER_MS, READ_MODELS, STREAM_RECORDER, type ReadModels } from '@glint/runtime';
import { ShutDownStreamHandler } from './commands/shut-down-stream';
import { StreamsController } from './http/streams.controller';
import { ListLiveStreamsHandler } from './queries/list-live-streams';
import type { StreamRecorder } from './stream-recorder';
import { GatewayLostSweeper } from './workers/gateway-lost-sweeper';

const GATEWAY_LOST_SWEEPER = Symbol('GatewayLostSweeper');
const SWEEP_INTERVAL_MS = 1000;

/** Live streams as the platform shows them: the live listing, staff shutdown, and the worker that ends lost gateways' streams. */
@Module({
  controllers: [StreamsController],
  providers: [
    ListLiveStreamsHandler,
    ShutDownStreamHandler,
    {
      provide: GATEWAY_LOST_SWEEPER,
      useFactory: (readModels: ReadModels, recorder: StreamRecorder, gatewayLostAfterMs: number) => {
        const logger = new Logger('GatewayLostSweeper');
        return new GatewayLostSweeper({
          // The read models' database, on a session of the sweeper's own that holds its lock.
          databaseUrl: readModels.entityManager().config.get('clientUrl') as string,
          recorder,
          gatewayLostAfterMs,
          intervalMs: SWEEP_INTERVAL_MS,
          logger: { error: (message) => logger.error(message) },
        });
      },
      inject: [READ_MODELS, STREAM_RECORDER, GATEWAY_LOST_AFTER_MS],
    },
  ],
})
export class StreamsModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(GATEWAY_LOST_SWEEPER) private readonly sweeper: GatewayLostSweeper) {}

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  // Before the projection engine and the store close under a sweep in flight.
  async onModuleDestroy(): Promise<void> {
    await this.sweeper.stop();
  }
}
