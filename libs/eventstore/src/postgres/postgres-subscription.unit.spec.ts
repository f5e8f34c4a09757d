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
