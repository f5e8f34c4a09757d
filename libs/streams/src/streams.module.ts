import { Module } from '@nestjs/common';
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

/**
 * Live streams: the one writer of their facts and the commands gateways send it, the live listing
 * and staff shutdown. The worker that ends lost gateways' streams is `GatewayLostSweeperModule`.
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
  ],
  exports: [StreamRecorder],
})
export class StreamsModule {}
