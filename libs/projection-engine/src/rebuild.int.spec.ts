import { Client } from 'pg';
import { PostgresEventStore } from '@glint/eventstore';
import { accountHistory } from '@glint/projections/account-history';
import { createProjectionEngine, defineProjection, readModelTable, rebuildSchemaName, type RebuildProgress } from '.';
import { until } from '@glint/testing';
import { type TestDatabase, closeTestStore, openTestStore } from '@glint/testing/database';
import { AccountScenario, EVENT_TALLY_DDL, accountHistoryRows, eventTally, recordingLogger, tableRows, waitForCaughtUp } from '@glint/testing/projections';

const users = ['ana', 'ben', 'chiara', 'dmitri', 'eun', 'fatima', 'gus'];
/** Paces the writer and the reader that run beside a rebuild, as live traffic would: not a wait for an outcome. */
const pace = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rebuilding read models', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let sql: Client;
  const scenario = new AccountScenario(users, 99);
  const tableOid = async () => (await sql.query(`SELECT 'public.account_history'::regclass::oid::int AS oid`)).rows[0].oid as number;
  const indexes = async () =>
    (await sql.query(`SELECT indexname, regexp_replace(indexdef, ' ON \\S+', '') AS definition FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'account_history' ORDER BY indexname`)).rows;
  const schemaExists = async (schema: string) => (await sql.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount! > 0;

  beforeAll(async () => {
    ({ database, store, sql } = await openTestStore());
  });
  afterAll(() => closeTestStore({ database, store, sql }));

  it('replays into fresh tables while the live ones serve and grow, then swaps with no event lost or doubled', async () => {
    await scenario.append(store, 3000);
    const liveLogger = recordingLogger();
    const live = createProjectionEngine({ store, databaseUrl: database.url, projections: [accountHistory], batchSize: 50, logger: liveLogger });
    const rebuilder = createProjectionEngine({ store, databaseUrl: database.url, projections: [accountHistory], rebuildBatchSize: 200, logger: recordingLogger() });
    const reader = new Client({ connectionString: database.url });
    await reader.connect();
    try {
      await live.start();
      await waitForCaughtUp(live);
      const oidBefore = await tableOid();
      const indexesBefore = await indexes();

      let writing = true;
      const writer = (async () => {
        while (writing) {
          await scenario.append(store, 2);
          await pace(3);
        }
      })();
      let reading = true;
      const counts: number[] = [];
      const readErrors: unknown[] = [];
      const readLoop = (async () => {
        while (reading) {
          try {
            counts.push(Number((await reader.query('SELECT count(*) AS rows FROM account_history')).rows[0].rows));
          } catch (error) {
            readErrors.push(error);
          }
          await pace(2);
        }
      })();

      const progress: RebuildProgress[] = [];
      const plannedBefore = scenario.planned.length;
      const result = await rebuilder.rebuild(['account_history'], (step) => progress.push(step));
      const appendedWhileRebuilding = scenario.planned.length - plannedBefore;
      // The live engine goes on with the writes that come after the swap, on the new tables.
      const plannedAtSwap = scenario.planned.length;
      await until('writes after the swap', () => scenario.planned.length >= plannedAtSwap + 20);
      writing = false;
      await writer;
      await waitForCaughtUp(live);
      reading = false;
      await readLoop;

      expect(appendedWhileRebuilding).toBeGreaterThan(0);
      expect(await accountHistoryRows(sql)).toEqual(await scenario.expectedRows(store));
      expect(await tableOid()).not.toBe(oidBefore);
      expect(await indexes()).toEqual(indexesBefore);
      expect(await schemaExists(rebuildSchemaName('account_history'))).toBe(false);

      expect(readErrors).toEqual([]);
      expect(counts.length).toBeGreaterThan(10);
      expect(counts.every((count, index) => index === 0 || count >= counts[index - 1])).toBe(true);

      const phases = progress.map((step) => step.phase);
      expect(phases.filter((phase) => phase === 'replaying').length).toBeGreaterThan(5);
      expect(phases.slice(-2)).toEqual(['swapping', 'done']);
      expect(progress.at(-1)).toMatchObject({ position: result.position, eventsReplayed: result.eventsReplayed });
      expect(result.position).toBeGreaterThanOrEqual(3000);
      expect(result.eventsReplayed).toBe(result.position);
      expect(liveLogger.errors).toEqual([]);
    } finally {
      await reader.end();
      await Promise.all([live.stop(), rebuilder.stop()]);
    }
  });

  it('swaps at once when the whole log fits in one batch', async () => {
    const rebuilder = createProjectionEngine({ store, databaseUrl: database.url, projections: [accountHistory], rebuildBatchSize: 100_000, logger: recordingLogger() });
    try {
      const head = await store.headPosition();
      const progress: RebuildProgress[] = [];
      const result = await rebuilder.rebuild(['account_history'], (step) => progress.push(step));
      expect(progress.map((step) => step.phase)).toEqual(['replaying', 'swapping', 'done']);
      expect(result).toMatchObject({ position: head, eventsReplayed: head });
      expect(await accountHistoryRows(sql)).toEqual(await scenario.expectedRows(store));
    } finally {
      await rebuilder.stop();
    }
  });

  it('rebuilds several projections from one read of the log, each to the rows it had', async () => {
    await sql.query(EVENT_TALLY_DDL);
    const live = createProjectionEngine({ store, databaseUrl: database.url, projections: [accountHistory, eventTally], logger: recordingLogger() });
    const rebuilder = createProjectionEngine({ store, databaseUrl: database.url, projections: [accountHistory, eventTally], rebuildBatchSize: 500, logger: recordingLogger() });
    const subscribe = jest.spyOn(store, 'subscribeToAll');
    try {
      await live.start();
      await waitForCaughtUp(live);
      await live.stop();
      const tally = await tableRows(sql, 'event_tally', 'stream_name');
      const history = await accountHistoryRows(sql);
      subscribe.mockClear();
      const result = await rebuilder.rebuild();
      expect(subscribe).toHaveBeenCalledTimes(1);
      const head = await store.headPosition();
      expect(result).toMatchObject({ projections: ['account_history', 'event_tally'], position: head, eventsReplayed: head });
      expect(await tableRows(sql, 'event_tally', 'stream_name')).toEqual(tally);
      expect(await accountHistoryRows(sql)).toEqual(history);
      expect(await schemaExists(rebuildSchemaName('event_tally'))).toBe(false);
    } finally {
      subscribe.mockRestore();
      await Promise.all([live.stop(), rebuilder.stop()]);
    }
  });

  it('leaves the live tables serving, untouched, when a rebuild fails', async () => {
    const failing = defineProjection()({
      name: 'account_history',
      tables: accountHistory.tables,
      allEvents: async (event, tables, sql) => {
        if (event.position === 250) throw new Error('a handler failed on position 250');
        await accountHistory.allEvents!(event, tables, sql);
      },
    });
    const rebuilder = createProjectionEngine({ store, databaseUrl: database.url, projections: [failing], rebuildBatchSize: 100, logger: recordingLogger() });
    try {
      const oidBefore = await tableOid();
      const rowsBefore = await accountHistoryRows(sql);
      await expect(rebuilder.rebuild(['account_history'])).rejects.toThrow('a handler failed on position 250');
      expect(await tableOid()).toBe(oidBefore);
      expect(await accountHistoryRows(sql)).toEqual(rowsBefore);
      expect(await schemaExists(rebuildSchemaName('account_history'))).toBe(false);
    } finally {
      await rebuilder.stop();
    }
  });

  it('refuses a table with a serial column, whose copy would share the sequence', async () => {
    await sql.query('CREATE TABLE chat_lines (id serial PRIMARY KEY, text text NOT NULL)');
    const chatLines = defineProjection<{ type: 'ChatMessageSent'; data: unknown }>()({
      name: 'chat_lines',
      tables: { chat_lines: readModelTable('chat_lines', { key: ['id'], columns: { id: 'integer', text: 'text' } }) },
      handlers: { ChatMessageSent: () => undefined },
    });
    const rebuilder = createProjectionEngine({ store, databaseUrl: database.url, projections: [chatLines], logger: recordingLogger() });
    try {
      await expect(rebuilder.rebuild(['chat_lines'])).rejects.toThrow('Table public.chat_lines of projection chat_lines has a serial column "id"');
    } finally {
      await rebuilder.stop();
    }
  });

  it('refuses to start while another rebuild of the same projection runs', async () => {
    const other = new Client({ connectionString: database.url });
    await other.connect();
    const rebuilder = createProjectionEngine({ store, databaseUrl: database.url, projections: [accountHistory], logger: recordingLogger() });
    try {
      await other.query(`SELECT pg_advisory_lock(hashtextextended('glint.projection-rebuild.account_history', 0))`);
      const oidBefore = await tableOid();
      await expect(rebuilder.rebuild(['account_history'])).rejects.toThrow('A rebuild of account_history is already running; wait for it to finish.');
      expect(await tableOid()).toBe(oidBefore);
    } finally {
      await other.end();
      await rebuilder.stop();
    }
  });
});
