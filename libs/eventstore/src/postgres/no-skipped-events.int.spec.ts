import { randomUUID } from 'node:crypto';
import { until } from '@glint/testing';
import { createTestDatabase, type TestDatabase } from '@glint/testing/database';
import type { NewEvent, RecordedEvent } from '../types';
import { PostgresEventStore } from './postgres-event-store';

/**
 * The promise the whole platform stands on: a live subscriber sees every committed event exactly
 * once, in the order a fresh read of the log returns, and never one that was rolled back — while
 * many writers in several "processes" (separate pools) commit out of order, hold transactions open
 * and roll some back. `npm run test:gaps -- --repeat 20` runs it as many rounds as asked.
 */
const rounds = Math.max(1, Number(process.env.GLINT_GAP_ROUNDS ?? 1));
const WRITERS = 8;
const OPERATIONS_PER_WRITER = 30;

const metadata = () => ({ correlationId: randomUUID(), causationId: null, actor: { type: 'system' as const }, occurredAt: new Date().toISOString() });
const event = (writer: number, n: number): NewEvent => ({ id: randomUUID(), type: 'GapProbeRecorded', data: { writer, n }, metadata: metadata() });
/** The writers' and the consumer's own pace (transactions held open, gaps, a slow consumer): what shuffles the commits, not a wait for an outcome. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL event store: a subscriber never skips an event', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it.each(Array.from({ length: rounds }, (_, i) => [i + 1]))('round %i: every committed event exactly once, in log order, none rolled back', async () => {
    // Three "processes" write, a fourth reads: each its own pool and LISTEN connection.
    const writerStores = [0, 1, 2].map(() => new PostgresEventStore({ connectionString: database.url, pollIntervalMs: 200 }));
    const readerStore = new PostgresEventStore({ connectionString: database.url, pollIntervalMs: 200 });
    const stores = [...writerStores, readerStore];
    try {
      await runRound(writerStores, readerStore);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  }, 120_000);
});

async function runRound(writerStores: PostgresEventStore[], readerStore: PostgresEventStore): Promise<void> {
  const startAt = await readerStore.headPosition();

  const seen: RecordedEvent[] = [];
  const subscription = readerStore.subscribeToAll({ fromPosition: startAt, batchSize: 50 });
  const consuming = (async () => {
    for await (const batch of subscription) {
      seen.push(...batch);
      // A consumer slower than the writers, now and then, to exercise back-pressure.
      if (Math.random() < 0.1) await pause(5);
    }
  })();

  const committed = new Set<string>();
  const rolledBack = new Set<string>();
  const writer = async (w: number) => {
    const store = writerStores[w % writerStores.length];
    for (let n = 0; n < OPERATIONS_PER_WRITER; n++) {
      const roll = Math.random();
      const events = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => event(w, n));
      const stream = `probe-${w}-${Math.floor(Math.random() * 4)}`;
      if (roll < 0.5) {
        await store.append(stream, events);
        events.forEach((e) => committed.add(e.id));
      } else if (roll < 0.8) {
        // Held open for a random while after appending, then committed.
        await store.withTransaction(async (tx) => {
          await tx.append(stream, events);
          await pause(Math.random() * 30);
        });
        events.forEach((e) => committed.add(e.id));
      } else {
        // Appended, held open, then rolled back: none of it may ever be seen.
        await expect(
          store.withTransaction(async (tx) => {
            await tx.append(stream, events);
            await pause(Math.random() * 30);
            throw new Error('rolled back on purpose');
          }),
        ).rejects.toThrow('rolled back on purpose');
        events.forEach((e) => rolledBack.add(e.id));
      }
      if (Math.random() < 0.3) await pause(Math.random() * 10);
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));

  const head = await readerStore.headPosition();
  await until('the subscriber to reach the head of the log', () => (seen.at(-1)?.position ?? startAt) >= head);
  await subscription.stop();
  await consuming;

  const logged: RecordedEvent[] = [];
  for (let page = await readerStore.readAll({ fromPosition: startAt, maxCount: 500 }); page.length > 0; page = await readerStore.readAll({ fromPosition: page[page.length - 1].position, maxCount: 500 })) {
    logged.push(...page);
  }

  expect(seen.map((e) => e.id)).toEqual(logged.map((e) => e.id));
  expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
  expect(new Set(seen.map((e) => e.id))).toEqual(committed);
  expect(seen.filter((e) => rolledBack.has(e.id))).toEqual([]);
  expect(rolledBack.size).toBeGreaterThan(0);
  // Positions are dense: rolled-back transactions leave no holes behind.
  expect(seen.map((e) => e.position)).toEqual(Array.from({ length: seen.length }, (_, i) => startAt + i + 1));
}
