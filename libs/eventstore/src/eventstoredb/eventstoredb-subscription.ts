import {
  START,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { EventSubscription, RecordedEvent } from '../types';
import type { UpcasterRegistry } from '../upcasting';
import { toGlintEvent } from './event-records';
import { logPosition } from './log-positions';

/** Glint never writes to `$`-streams, and everything EventStoreDB writes for itself lives there. */
const GLINT_STREAMS = '^[^$]';

/**
 * Catch-up then live, on EventStoreDB's own catch-up subscription filtered to Glint's streams.
 * The client's readable stream buffers at most one batch (its high-water mark), and gRPC flow
 * control holds the server back while the consumer is busy: that is the back-pressure.
 */
export class EventStoreDbSubscription implements EventSubscription {
  private stopped = false;
  private wake: (() => void) | null = null;
  private source: AllStreamSubscription | null = null;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly upcasters: UpcasterRegistry,
    private readonly fromPosition: number,
    private readonly batchSize: number,
    private readonly onStopped: () => void,
  ) {}

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wake?.();
    this.onStopped();
    const source = this.source;
    this.source = null;
    if (source) {
      await source.unsubscribe();
      source.destroy();
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent[]> {
    if (this.stopped) return;
    const source = this.client.subscribeToAll(
      {
        fromPosition: this.fromPosition === 0 ? START : logPosition(this.fromPosition),
        filter: streamNameFilter({ regex: GLINT_STREAMS }),
      },
      { highWaterMark: this.batchSize },
    );
    this.source = source;
    let failure: Error | null = null;
    source.on('error', (error: Error) => {
      failure = error;
      this.wake?.();
    });
    let checkpoint = this.fromPosition;
    try {
      while (!this.stopped) {
        const batch: RecordedEvent[] = [];
        let resolved: AllStreamResolvedEvent | null;
        while (batch.length < this.batchSize && (resolved = source.read() as AllStreamResolvedEvent | null) !== null) {
          const event = toGlintEvent(resolved);
          // The checkpoint is exclusive whatever the server makes of a position it starts from.
          if (event && event.position > checkpoint) batch.push(this.upcasters.upcast(event));
        }
        if (batch.length > 0) {
          checkpoint = batch[batch.length - 1].position;
          yield batch;
          continue;
        }
        if (failure) throw failure;
        if (source.readableEnded || source.destroyed) return;
        await this.nextReadable(source);
      }
    } finally {
      await this.stop();
    }
  }

  private nextReadable(source: AllStreamSubscription): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        source.off('readable', done);
        source.off('end', done);
        source.off('close', done);
        this.wake = null;
        resolve();
      };
      this.wake = done;
      source.on('readable', done);
      source.on('end', done);
      source.on('close', done);
    });
  }
}
