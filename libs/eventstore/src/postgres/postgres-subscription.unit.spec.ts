import { quietPeriod } from '@glint/testing';
import type { RecordedEvent } from '../types';
import type { LogNotifier } from './log-notifier';
import { PostgresSubscription } from './postgres-subscription';

/** A log of `size` events, read in pages, counting how far ahead of the consumer it was read. */
function pagedLog(size: number) {
  const reads: number[] = [];
  const readPage = async (fromPosition: number, maxCount: number): Promise<RecordedEvent[]> => {
    reads.push(fromPosition);
    const last = Math.min(size, fromPosition + maxCount);
    return Array.from({ length: Math.max(0, last - fromPosition) }, (_, i) => ({ position: fromPosition + i + 1 }) as RecordedEvent);
  };
  return { reads, readPage };
}

/** A notifier with no news: it sends the subscription back to read a moment later, as the poll interval would. */
const idleNotifier = { waitBeyond: () => new Promise<void>((resolve) => setTimeout(resolve, 5)) } as unknown as LogNotifier;
const READ_AHEAD_QUIET = 'this log answers a read at once: a subscription reading further ahead would have asked for another page by now';

describe('PostgresSubscription', () => {
  it('reads at most one page ahead of a consumer that holds on to a batch', async () => {
    const log = pagedLog(10_000);
    const subscription = new PostgresSubscription(log.readPage, idleNotifier, 0, 100, () => undefined);
    const batches = subscription[Symbol.asyncIterator]();

    const first = await batches.next();
    await quietPeriod(20, READ_AHEAD_QUIET);
    expect(first.value.map((e: RecordedEvent) => e.position)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    // The consumer is still busy with the first batch: only the next page may have been fetched.
    expect(log.reads).toEqual([0, 100]);

    await batches.next();
    await quietPeriod(20, READ_AHEAD_QUIET);
    expect(log.reads).toEqual([0, 100, 200]);
    await subscription.stop();
  });

  it('after a short page, waits for the log to grow before it reads again', async () => {
    const log = pagedLog(150);
    const waits: number[] = [];
    let wake: () => void = () => undefined;
    const notifier = {
      waitBeyond: (position: number) => {
        waits.push(position);
        return new Promise<void>((resolve) => (wake = resolve));
      },
    } as unknown as LogNotifier;
    const subscription = new PostgresSubscription(log.readPage, notifier, 0, 100, () => undefined);
    const batches = subscription[Symbol.asyncIterator]();

    expect((await batches.next()).value).toHaveLength(100);
    expect((await batches.next()).value).toHaveLength(50);
    const next = batches.next();
    await quietPeriod(20, 'the last page was short: everything visible was read, so only a notification may send the subscription back to the log');
    expect(log.reads).toEqual([0, 100]);
    expect(waits).toEqual([150]);

    wake();
    await quietPeriod(20, 'the log has nothing new: the subscription waits again');
    expect(log.reads).toEqual([0, 100, 150]);
    expect(waits).toEqual([150, 150]);
    await subscription.stop();
    wake();
    expect((await next).done).toBe(true);
  });

  it('delivers every event once, in order, from its checkpoint, however the pages fall', async () => {
    const log = pagedLog(1_005);
    const subscription = new PostgresSubscription(log.readPage, idleNotifier, 5, 100, () => undefined);
    const seen: number[] = [];
    for await (const batch of subscription) {
      seen.push(...batch.map((e) => e.position));
      if (seen.length === 1_000) break;
    }
    expect(seen).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 6));
  });
});
