import type { EventSubscription, RecordedEvent } from '../types';
import type { LogNotifier } from './log-notifier';

type ReadPage = (fromPosition: number, maxCount: number) => Promise<RecordedEvent[]>;

/**
 * Catch-up then live subscription to the whole log. Positions become visible strictly in order
 * (see schema.ts), so "everything after my checkpoint" is all a reader ever needs to ask.
 */
export class PostgresSubscription implements EventSubscription {
  private readonly signal: { stopped: boolean; wake?: () => void } = { stopped: false };

  constructor(
    private readonly readPage: ReadPage,
    private readonly notifier: LogNotifier,
    private readonly fromPosition: number,
    private readonly batchSize: number,
    private readonly onStopped: () => void,
  ) {}

  async stop(): Promise<void> {
    this.signal.stopped = true;
    this.signal.wake?.();
    this.onStopped();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent[]> {
    let checkpoint = this.fromPosition;
    let readAhead: Promise<RecordedEvent[]> | null = null;
    try {
      while (!this.signal.stopped) {
        const batch = await (readAhead ?? this.readPage(checkpoint, this.batchSize));
        readAhead = null;
        if (this.signal.stopped) return;
        if (batch.length === 0) {
          await this.notifier.waitBeyond(checkpoint, this.signal);
          continue;
        }
        checkpoint = batch[batch.length - 1].position;
        // Catching up: fetch the next page while the consumer handles this one. Never more than
        // one page ahead, so a slow consumer slows the reading instead of filling memory.
        const caughtUp = batch.length < this.batchSize;
        if (!caughtUp) {
          readAhead = this.readPage(checkpoint, this.batchSize);
          readAhead.catch(() => undefined);
        }
        yield batch;
        // A short page read everything visible, and positions become visible in order: the next
        // read waits until the log is known to hold more (at once when a notification already said
        // so, after the poll interval at the latest) instead of asking for an empty page first.
        if (caughtUp && !this.signal.stopped) await this.notifier.waitBeyond(checkpoint, this.signal);
      }
    } finally {
      this.signal.stopped = true;
      this.onStopped();
    }
  }
}
