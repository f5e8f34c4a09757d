import { Logger } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@glint/eventstore';
import type { StreamEndReason } from '@glint/streams';

export interface StreamLogListener {
  /** A stream ended by someone else: staff, or the worker that found its gateway lost. */
  streamEnded(streamId: string): void;
  /** The channel's stream key changed: the key its encoder published with is void. */
  streamKeyRotated(channelId: string): void;
  /** Staff banned or suspended a user: their channel, whose id is theirs, may not stay live. */
  ownerSanctioned(userId: string, reason: Extract<StreamEndReason, 'globally_banned' | 'streaming_suspended'>): void;
}

const RETRY_MS = 1_000;

/**
 * Follows the event log from its head while the gateway runs, for the facts about its streams that
 * others record. Only what happens from now on matters, so it keeps no checkpoint.
 */
export class StreamLogWatcher {
  private readonly logger = new Logger('Gateway');
  private readonly stopping = new AbortController();
  private subscription: { stop(): Promise<void> } | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly listener: StreamLogListener,
  ) {}

  /** Resolves once the watcher follows from the current head, so nothing after this call is missed. */
  async start(): Promise<void> {
    const head = await this.store.headPosition();
    this.running = this.follow(head);
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.subscription?.stop();
    await this.running;
  }

  private async follow(from: number): Promise<void> {
    let position = from;
    while (!this.stopping.signal.aborted) {
      const subscription = this.store.subscribeToAll({ fromPosition: position, batchSize: 500 });
      this.subscription = subscription;
      try {
        for await (const batch of subscription) {
          if (this.stopping.signal.aborted) break;
          for (const event of batch) this.take(event);
          position = batch[batch.length - 1].position;
        }
      } catch (error) {
        if (this.stopping.signal.aborted) break;
        this.logger.error(`Gateway.LogWatcher.Failed: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      } finally {
        await subscription.stop();
      }
    }
  }

  private take(event: RecordedEvent): void {
    if (event.type === 'StreamEnded') this.listener.streamEnded((event.data as { streamId: string }).streamId);
    else if (event.type === 'StreamKeyRotated') this.listener.streamKeyRotated((event.data as { channelId: string }).channelId);
    else if (event.type === 'UserGloballyBanned') this.listener.ownerSanctioned((event.data as { userId: string }).userId, 'globally_banned');
    else if (event.type === 'StreamingSuspended') this.listener.ownerSanctioned((event.data as { userId: string }).userId, 'streaming_suspended');
  }
}
