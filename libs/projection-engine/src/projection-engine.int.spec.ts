import { Client } from 'pg';
import { PostgresEventStore } from '@glint/eventstore';
import { accountHistory } from '@glint/projections/account-history';
import { createProjectionEngine, defineProjection, readModelTable } from '.';
import { until } from '@glint/testing';
import { type TestDatabase, closeTestStore, openTestStore } from '@glint/testing/database';
import { AccountScenario, accountHistoryRows, readWholeLog, recordingLogger, waitForCaughtUp, EVENT_TALLY_DDL, eventTally } from '@glint/testing/projections';

const users = ['ana', 'ben', 'chiara', 'dmitri', 'eun', 'fatima', 'gus', 'hana'];

type ChannelFollowed = { type: 'ChannelFollowed'; data: { channelId: string } };
const channelFollowersTable = readModelTable('channel_followers', { key: ['channel_id'], columns: { channel_id: 'text', followers: 'integer' } });
/** Read-modify-write: a second follow in the same batch must find the row the first created. */
const channelFollowers = defineProjection<ChannelFollowed>()({
  name: 'channel_followers',
  tables: { channel_followers: channelFollowersTable },
  handlers: {
    ChannelFollowed: async (event, tables) => {
      const key = { channel_id: event.data.channelId };
      const row = await tables.channel_followers.get(key);
      if (row) tables.channel_followers.set(key, { followers: row.followers + 1 });
      else tables.channel_followers.put({ ...key, followers: 1 });
    },
  },
});

describe('the projection engine', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let sql: Client;
  const scenario = new AccountScenario(users, 20261123);

  beforeAll(async () => {
    ({ database, store, sql } = await openTestStore());
  });
  afterAll(() => closeTestStore({ database, store, sql }));

  it('projects every event that concerns a user, and reports the lag before and after', async () => {
    const head = await scenario.append(store, 300);
    const logger = recordingLogger();
    const engine = createProjectionEngine({ store, databaseUrl: database.url, projections: [accountHistory], batchSize: 64, logger });
    try {
      const [before] = await engine.lag();
      expect(before).toEqual({ name: 'account_history', checkpoint: 0, headPosition: head, eventsBehind: 300, secondsBehind: expect.any(Number) });
      expect(before.secondsBehind).toBeGreaterThan(0);

      await engine.start();
      await waitForCaughtUp(engine);
      expect(await accountHistoryRows(sql)).toEqual(await scenario.expectedRows(store));
      expect(await engine.lag()).toEqual([{ name: 'account_history', checkpoint: head, headPosition: head, eventsBehind: 0, secondsBehind: 0 }]);

      const newHead = await scenario.append(store, 45);
      await waitForCaughtUp(engine);
      expect(await accountHistoryRows(sql)).toEqual(await scenario.expectedRows(store));
      expect((await engine.lag())[0].checkpoint).toBe(newHead);
      expect(logger.errors).toEqual([]);
    } finally {
      await engine.stop();
    }
  });

  it('pages a user\'s history newest first, by cursor, type and time', async () => {
    const engine = createProjectionEngine({ store, databaseUrl: database.url, projections: [accountHistory], logger: recordingLogger() });
    try {
      const newest = (await scenario.expectedRows(store)).filter((row) => row.user_id === 'chiara').reverse();
      expect(newest.length).toBeGreaterThan(20);

      const seen: number[] = [];
      let before: number | undefined;
      for (;;) {
        const page = await accountHistory.page(engine.entityManager(), 'chiara', { before, limit: 7 });
        expect(page.entries.length).toBeLessThanOrEqual(7);
        seen.push(...page.entries.map((entry) => entry.position));
        if (page.nextBefore === null) break;
        before = page.nextBefore;
      }
      expect(seen).toEqual(newest.map((row) => row.position));

      const follows = await accountHistory.page(engine.entityManager(), 'chiara', { types: ['ChannelFollowed'], limit: 200 });
      expect(follows.entries.map((entry) => entry.position)).toEqual(newest.filter((row) => row.event_type === 'ChannelFollowed').map((row) => row.position));

      const [from, to] = [newest[15].occurred_at, newest[4].occurred_at].sort();
      const window = await accountHistory.page(engine.entityManager(), 'chiara', { occurredFrom: new Date(from), occurredBefore: new Date(to), limit: 200 });
      const inWindow = newest.filter((row) => row.occurred_at >= from && row.occurred_at < to);
      expect(inWindow.length).toBeGreaterThan(5);
      expect(window.entries.map((entry) => entry.position)).toEqual(inWindow.map((row) => row.position));
      expect(window.nextBefore).toBeNull();

      await expect(accountHistory.page(engine.entityManager(), 'chiara', { limit: 0 })).rejects.toThrow(/limit must be an integer from 1 to 200/);
    } finally {
      await engine.stop();
    }
  });

  it('runs one active instance per projection, and another takes over when it stops', async () => {
    const first = recordingLogger();
    const second = recordingLogger();
    const a = createProjectionEngine({ store, databaseUrl: database.url, projections: [accountHistory], lockRetryMs: 100, logger: first });
    const b = createProjectionEngine({ store, databaseUrl: database.url, projections: [accountHistory], lockRetryMs: 100, logger: second });
    const acquired = (entries: typeof first.entries) => entries.some((entry) => entry.event === 'Consumer.Lock.Acquired');
    try {
      await a.start();
      await until('the first engine to take the lock', () => acquired(first.entries));
      await b.start();
      await until('the second engine to wait for the lock', () => second.entries.some((entry) => entry.event === 'Consumer.Lock.Waiting'));

      await scenario.append(store, 60);
      await waitForCaughtUp(a);
      expect(acquired(second.entries)).toBe(false);

      await a.stop();
      await until('the second engine to take over', () => acquired(second.entries));
      await scenario.append(store, 60);
      await waitForCaughtUp(b);
      expect(await accountHistoryRows(sql)).toEqual(await scenario.expectedRows(store));
      expect([...first.errors, ...second.errors]).toEqual([]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('runs handlers keyed by event type, and moves past the types a projection does not handle', async () => {
    await sql.query('CREATE TABLE channel_followers (channel_id text PRIMARY KEY, followers integer NOT NULL)');
    const logger = recordingLogger();
    const engine = createProjectionEngine({ store, databaseUrl: database.url, projections: [accountHistory, channelFollowers], batchSize: 100, logger });
    try {
      await engine.start();
      await waitForCaughtUp(engine);
      const head = await store.headPosition();
      expect((await engine.lag()).map((lag) => [lag.name, lag.checkpoint])).toEqual([
        ['account_history', head],
        ['channel_followers', head],
      ]);
      const expected = new Map<string, number>();
      for (const { event } of scenario.planned.filter((plan) => plan.event.type === 'ChannelFollowed')) {
        const channelId = (event.data as { channelId: string }).channelId;
        expected.set(channelId, (expected.get(channelId) ?? 0) + 1);
      }
      const rows = (await sql.query('SELECT channel_id, followers FROM channel_followers')).rows;
      expect(new Map(rows.map((row) => [row.channel_id, row.followers]))).toEqual(expected);
      expect(logger.errors).toEqual([]);
    } finally {
      await engine.stop();
    }
  });

  it('rolls a failed batch back whole, pauses that projection alone with a growing pause, and lets it catch up', async () => {
    await sql.query(EVENT_TALLY_DDL);
    const failOn = (await store.headPosition()) - 30;
    let failures = 0;
    const flaky = defineProjection()({
      name: 'event_tally',
      tables: eventTally.tables,
      allEvents: async (event, tables, sql) => {
        await eventTally.allEvents!(event, tables, sql);
        if (event.position === failOn && failures < 2) {
          failures += 1;
          throw new Error(`the handler failed on position ${failOn}`);
        }
      },
    });
    const logger = recordingLogger();
    const engine = createProjectionEngine({ store, databaseUrl: database.url, projections: [flaky, accountHistory], batchSize: 100, errorRetryMs: 200, logger });
    try {
      await engine.start();
      const paused = await until('event_tally to be paused', async () => (await engine.lag()).find((lag) => lag.name === 'event_tally' && lag.paused));
      expect(paused.paused).toEqual({ error: `the handler failed on position ${failOn}`, attempts: 1, nextRetryAt: expect.any(String) });
      // The other projection keeps up meanwhile.
      await until('account_history to reach the head', async () => (await engine.lag()).find((lag) => lag.name === 'account_history')!.eventsBehind === 0);
      await waitForCaughtUp(engine);
      expect((await engine.lag()).every((lag) => lag.paused === undefined)).toBe(true);
      const failed = logger.errors.map((entry) => [entry.event, entry.consumer, entry.error, entry.retryInMs]);
      expect(failed).toEqual([
        ['Consumer.Batch.Failed', 'event_tally', `the handler failed on position ${failOn}`, 200],
        ['Consumer.Batch.Failed', 'event_tally', `the handler failed on position ${failOn}`, 400],
      ]);
      expect(logger.entries.some((entry) => entry.event === 'Consumer.Recovered' && entry.consumer === 'event_tally')).toBe(true);
      const log = await readWholeLog(store);
      const total = await sql.query('SELECT sum(events)::int AS events, max(last_position)::int AS last FROM event_tally');
      expect(total.rows[0]).toEqual({ events: log.length, last: log[log.length - 1].position });
      expect(await accountHistoryRows(sql)).toEqual(await scenario.expectedRows(store));
    } finally {
      await engine.stop();
    }
  });
});
