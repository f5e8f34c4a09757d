import type { AppendRequest, AppendResult, EventStore, EventSubscription, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent, StoreHealth, StreamMetadata, SubscribeToAllOptions } from '@glint/eventstore';
import type { PlatformMetrics } from './platform-metrics';

type AppendOptions = Parameters<EventStore['append']>[2];

/** The event store, with every append counted and timed; everything else passes straight through. */
export class MeasuredEventStore implements EventStore {
  constructor(
    private readonly store: EventStore,
    private readonly metrics: PlatformMetrics,
  ) {}

  async append(streamName: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    try {
      const result = await this.metrics.timed(this.metrics.appendSeconds, () => this.store.append(streamName, events, options));
      this.counted('appended', events.length);
      return result;
    } catch (error) {
      this.counted('failed', 0);
      throw error;
    }
  }

  async appendMany(requests: AppendRequest[]): Promise<Array<AppendResult | Error>> {
    const results = await this.metrics.timed(this.metrics.appendSeconds, () => this.store.appendMany(requests));
    results.forEach((result, index) => this.counted(result instanceof Error ? 'failed' : 'appended', result instanceof Error ? 0 : requests[index].events.length));
    return results;
  }

  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.store.readStream(streamName, options);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.store.readAll(options);
  }

  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription {
    return this.store.subscribeToAll(options);
  }

  headPosition(): Promise<number> {
    return this.store.headPosition();
  }

  getStreamMetadata(streamName: string): Promise<StreamMetadata> {
    return this.store.getStreamMetadata(streamName);
  }

  setStreamMetadata(streamName: string, custom: Record<string, unknown>): Promise<void> {
    return this.store.setStreamMetadata(streamName, custom);
  }

  softDeleteStream(streamName: string): Promise<void> {
    return this.store.softDeleteStream(streamName);
  }

  truncateStreamBefore(streamName: string, revision: number): Promise<void> {
    return this.store.truncateStreamBefore(streamName, revision);
  }

  health(): Promise<StoreHealth> {
    return this.store.health();
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private counted(outcome: 'appended' | 'failed', events: number): void {
    this.metrics.appends.inc({ outcome });
    if (events > 0) this.metrics.eventsAppended.inc(events);
  }
}
