import { Queue, Worker } from 'bullmq';

/** How long a shutdown waits for BullMQ's own close before dropping its connections. */
const CLOSE_GRACE_MS = 2_000;

/**
 * A worker whose close does not wait for the jobs in hand (a job cut off is retried by another
 * worker: every job is idempotent) and gives up after a grace period. After a Redis outage BullMQ's
 * close waited on a connection that never answered again; a shutdown must not hang on it, so past
 * the grace its connections are dropped. Every later close answers the same way.
 */
export class ShutdownBoundedWorker<Data = any, Result = any, Name extends string = string> extends Worker<Data, Result, Name> {
  private bounded: Promise<void> | undefined;

  override close(): Promise<void> {
    this.bounded ??= closeWithin(super.close(true), () => this.disconnect());
    return this.bounded;
  }
}

/** A queue whose close gives up after the same grace period, for the same reason. */
export class ShutdownBoundedQueue<Data = any, Result = any, Name extends string = string> extends Queue<Data, Result, Name> {
  private bounded: Promise<void> | undefined;

  override close(): Promise<void> {
    this.bounded ??= closeWithin(super.close(), () => this.disconnect());
    return this.bounded;
  }
}

async function closeWithin(closing: Promise<void>, drop: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), CLOSE_GRACE_MS);
  });
  try {
    // A rejected close is over as well.
    const closed = await Promise.race([closing.then(() => true, () => true), late]);
    if (!closed) await drop();
  } finally {
    clearTimeout(timer);
  }
}
