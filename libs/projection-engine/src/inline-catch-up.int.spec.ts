import { Client } from 'pg';
import { PostgresEventStore } from '@glint/eventstore';
import { accountHistory } from '@glint/projections/account-history';
import { createProjectionEngine } from '.';
import { type TestDatabase, closeTestStore, openTestStore } from '@glint/testing/database';
import { AccountScenario, accountHistoryRows, recordingLogger, slowedProjection, waitForCaughtUp } from '@glint/testing/projections';

const users = ['ana', 'ben', 'chiara', 'dmitri'];

describe('inline catch-up', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let sql: Client;
  const scenario = new AccountScenario(users, 7);

  const appendOne = async () => {
    const [plan] = scenario.plan(1);
    const result = await store.append(plan.streamName, [plan.event]);
    return { plan, position: result.lastPosition };
  };

  beforeAll(async () => {
    ({ database, store, sql } = await openTestStore());
  });
  afterAll(() => closeTestStore({ database, store, sql }));

  it('lets a request read its own write with no live runner', async () => {
    const engine = createProjectionEngine({ store, databaseUrl: database.url, projections: [accountHistory], logger: recordingLogger() });
    try {
      const { plan, position } = await appendOne();
      expect(await engine.catchUp('account_history', position)).toBe(position);
      for (const userId of Object.keys(plan.concerns)) {
        const page = await accountHistory.page(engine.entityManager(), userId, { limit: 1 });
        expect(page.entries.map((entry) => entry.eventId)).toEqual([plan.event.id]);
      }
      expect((await engine.lag())[0]).toMatchObject({ checkpoint: position, eventsBehind: 0 });
    } finally {
      await engine.stop();
    }
  });

  it('applies each event once while the live reader of another process races it', async () => {
    const logger = recordingLogger();
    // Slowed, so the catch-ups below overtake it: each of its batches then finds its checkpoint moved.
    const live = createProjectionEngine({ store, databaseUrl: database.url, projections: [slowedProjection(accountHistory, 20)], batchSize: 5, logger });
    // Not started: it catches up inline, as a process that does not hold the projection does.
    const inline = createProjectionEngine({ store, databaseUrl: database.url, projections: [accountHistory], batchSize: 5, logger: recordingLogger() });
    try {
      await live.start();
      for (let request = 0; request < 40; request++) {
        // A burst of writes from other requests keeps the live reader busy at the same time.
        await scenario.append(store, 3);
        const { plan, position } = await appendOne();
        expect(await inline.catchUp('account_history', position)).toBeGreaterThanOrEqual(position);
        for (const userId of Object.keys(plan.concerns)) {
          const page = await accountHistory.page(inline.entityManager(), userId, { limit: 1 });
          expect(page.entries[0]?.eventId).toBe(plan.event.id);
        }
      }
      await waitForCaughtUp(live);
      // The race did happen: the live reader found batches already applied by a catch-up, and dropped them.
      expect(logger.entries.some((entry) => entry.event === 'Consumer.Checkpoint.Moved')).toBe(true);
      expect(await accountHistoryRows(sql)).toEqual(await scenario.expectedRows(store));
      expect(logger.errors).toEqual([]);
    } finally {
      await Promise.all([live.stop(), inline.stop()]);
    }
  });

  it('refuses a position the log has not reached and a projection it does not know', async () => {
    const engine = createProjectionEngine({ store, databaseUrl: database.url, projections: [accountHistory], logger: recordingLogger() });
    try {
      const head = await store.headPosition();
      await expect(engine.catchUp('account_history', head + 10)).rejects.toThrow(`Cannot catch account_history up to position ${head + 10}: the event log ends at ${head}.`);
      await expect(engine.catchUp('channel_pages', head)).rejects.toThrow('Unknown projection "channel_pages". Known projections: account_history.');
    } finally {
      await engine.stop();
    }
  });
});
