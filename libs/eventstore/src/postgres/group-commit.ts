import type { Pool } from 'pg';
import type { AppendRequest, AppendResult } from '../types';
import type { UpcasterRegistry } from '../upcasting';
import { runAppendBatch } from './append-batch';

interface PendingAppend {
  request: AppendRequest;
  resolve(outcome: AppendResult | Error): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  /** Most events one transaction carries; a single larger append still goes alone. */
  maxBatchEvents: number;
  /** Transactions under way at once: the next one prepares while the previous one commits. */
  maxBatchesInFlight: number;
}

const UNIQUE_VIOLATION = '23505';
const EVENT_ID_CONSTRAINT = 'glint_events_event_id_key';

/**
 * Group commit: appends that arrive while a transaction is under way are gathered and written by
 * the next one, so one commit (one WAL flush, one turn at the log's ordering lock) serves many
 * requests. Each append still succeeds or fails on its own inside the batch.
 */
export class GroupCommit {
  private readonly queue: PendingAppend[] = [];
  /** Streams written by a batch under way: a later append to one waits for that batch to end. */
  private readonly streamsInFlight = new Set<string>();
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly pool: Pool,
    private readonly upcasters: UpcasterRegistry,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(request: AppendRequest): Promise<AppendResult | Error> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** True while any append is queued or being written. */
  get busy(): boolean {
    return this.queue.length > 0 || this.inFlight > 0;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // Waiting one turn of the event loop lets every append issued in this turn join the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.options.maxBatchesInFlight && this.queue.length > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      const streams = batch.map((pending) => pending.request.streamName);
      for (const stream of streams) this.streamsInFlight.add(stream);
      this.inFlight++;
      void this.write(batch).finally(() => {
        for (const stream of streams) this.streamsInFlight.delete(stream);
        this.inFlight--;
        if (this.queue.length > 0) this.schedule();
      });
    }
  }

  /**
   * Takes appends in arrival order, leaving behind any that touch a stream or an event id already
   * in this batch or a stream of a batch under way — and everything after them on the same
   * stream, so no stream is ever reordered.
   */
  private takeBatch(): PendingAppend[] {
    const batch: PendingAppend[] = [];
    const blockedStreams = new Set<string>(this.streamsInFlight);
    const usedIds = new Set<string>();
    const left: PendingAppend[] = [];
    let events = 0;
    for (const pending of this.queue) {
      const { streamName, events: newEvents } = pending.request;
      const full = batch.length > 0 && events + newEvents.length > this.options.maxBatchEvents;
      const clash = blockedStreams.has(streamName) || newEvents.some((event) => usedIds.has(event.id.toLowerCase()));
      if (full || clash) {
        blockedStreams.add(streamName);
        left.push(pending);
        continue;
      }
      batch.push(pending);
      blockedStreams.add(streamName);
      for (const event of newEvents) usedIds.add(event.id.toLowerCase());
      events += newEvents.length;
    }
    this.queue.length = 0;
    this.queue.push(...left);
    return batch;
  }

  private async write(batch: PendingAppend[]): Promise<void> {
    try {
      const outcomes = await this.commit(batch);
      batch.forEach((pending, index) => pending.resolve(outcomes[index]));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }

  private async commit(batch: PendingAppend[]): Promise<Array<AppendResult | Error>> {
    const requests = batch.map((pending) => pending.request);
    const client = await this.pool.connect();
    let healthy = true;
    try {
      try {
        return await runAppendBatch(client, requests, this.upcasters, false);
      } catch (error) {
        // A retried append: the batch rolled back whole; run it again looking for stored ids, so
        // the retry is answered with its original positions and the others go through.
        if (isEventIdClash(error)) return await runAppendBatch(client, requests, this.upcasters, true);
        throw error;
      }
    } catch (error) {
      healthy = !isConnectionError(error);
      throw error;
    } finally {
      client.release(!healthy);
    }
  }
}

function isEventIdClash(error: unknown): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError.code === UNIQUE_VIOLATION && pgError.constraint === EVENT_ID_CONSTRAINT;
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === undefined || code.startsWith('08') || code === '57P01';
}
