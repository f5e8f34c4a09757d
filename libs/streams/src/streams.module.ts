import { Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@glint/eventstore';
import { EVENT_STORE, GATEWAY_LOST_AFTER_MS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { ChangeStreamMetadataHandler } from './commands/change-stream-metadata';
import { EndStreamHandler } from './commands/end-stream';
import { SampleStreamHealthHandler } from './commands/sample-stream-health';
import { SampleViewerCountHandler } from './commands/sample-viewer-count';
import { ShutDownStreamHandler } from './commands/shut-down-stream';
import { StartStreamHandler } from './commands/start-stream';
import { StreamsController } from './http/streams.controller';
import { GetStreamHolderHandler } from './queries/get-stream-holder';
import { ListLiveStreamsHandler } from './queries/list-live-streams';
import { StreamRecorder } from './stream-recorder';
import { GatewayLostSweeper } from './workers/gateway-lost-sweeper';

const GATEWAY_LOST_SWEEPER = Symbol('GatewayLostSweeper');
const SWEEP_INTERVAL_MS = 1000;

/**
 * Live streams: the one writer of their facts and the commands gateways send it, the live listing,
 * staff shutdown, and the worker that ends lost gateways' streams.
 */
@Module({
  controllers: [StreamsController],
  providers: [
    {
      provide: StreamRecorder,
      useFactory: (store: EventStore, readModels: ReadModels, gatewayLostAfterMs: number) => new StreamRecorder(store, () => readModels.entityManager(), { gatewayLostAfterMs }),
      inject: [EVENT_STORE, READ_MODELS, GATEWAY_LOST_AFTER_MS],
    },
    StartStreamHandler,
    SampleStreamHealthHandler,
    SampleViewerCountHandler,
    ChangeStreamMetadataHandler,
    EndStreamHandler,
    ShutDownStreamHandler,
    GetStreamHolderHandler,
    ListLiveStreamsHandler,
    {
      provide: GATEWAY_LOST_SWEEPER,
      useFactory: (readModels: ReadModels, commands: CommandBus, gatewayLostAfterMs: number) => {
        const logger = new Logger('GatewayLostSweeper');
        return new GatewayLostSweeper({
          // The read models' database, on a session of the sweeper's own that holds its lock.
          databaseUrl: readModels.entityManager().config.get('clientUrl') as string,
          commands,
          gatewayLostAfterMs,
          intervalMs: SWEEP_INTERVAL_MS,
          logger: { error: (message) => logger.error(message) },
        });
      },
      inject: [READ_MODELS, CommandBus, GATEWAY_LOST_AFTER_MS],
    },
  ],
  exports: [StreamRecorder],
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
