import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { PostgresEventStore, type RecordedEvent } from '@glint/eventstore';
import { until } from '@glint/testing';
import { createTestDatabase, type TestDatabase } from '@glint/testing/database';
import { AccountScenario, accountHistoryRows, readWholeLog, EVENT_TALLY_DDL } from '@glint/testing/projections';

const REPOSITORY = join(__dirname, '../../..');
const PROJECTOR = join(__dirname, '../../testing/src/projections/run-projector.ts');
const users = ['ana', 'ben', 'chiara', 'dmitri', 'eun', 'fatima'];

interface Projector {
  child: ChildProcess;
  started: Promise<void>;
  exited: Promise<number | null>;
  output: () => string;
}

/** Node with tsx as a loader, not the tsx launcher: a SIGKILL must hit the projector itself, not a parent that leaves it orphaned. */
function startProjector(databaseUrl: string, applicationName: string): Projector {
  const child = spawn(process.execPath, ['--import', 'tsx', PROJECTOR], {
    cwd: REPOSITORY,
    env: { ...process.env, DATABASE_URL: databaseUrl, PGAPPNAME: applicationName, GLINT_TEST_DELAY_PER_EVENT_MS: '4', GLINT_TEST_BATCH_SIZE: '40' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('started\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`The projector exited with ${code} before it started:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, started, exited, output: () => output };
}

function expectedTally(events: RecordedEvent[]): Array<{ stream_name: string; events: number; last_position: number }> {
  const tally = new Map<string, { stream_name: string; events: number; last_position: number }>();
  for (const event of events) {
    const row = tally.get(event.streamName) ?? { stream_name: event.streamName, events: 0, last_position: 0 };
    row.events += 1;
    row.last_position = event.position;
    tally.set(event.streamName, row);
  }
  return [...tally.values()].sort((x, y) => (x.stream_name < y.stream_name ? -1 : 1));
}

describe('a projector killed mid-batch', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let sql: Client;
  const scenario = new AccountScenario(users, 424242);
  const running: Projector[] = [];

  const checkpoints = async () =>
    (await sql.query<{ name: string; position: number }>('SELECT name, position::float8 AS position FROM projection_checkpoints ORDER BY name')).rows;
  const slowestCheckpoint = async () => {
    const rows = await checkpoints();
    return rows.length < 2 ? 0 : Math.min(...rows.map((checkpoint) => checkpoint.position));
  };
  const batchInFlight = async (applicationName: string) =>
    (await sql.query('SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND backend_xid IS NOT NULL', [applicationName])).rowCount! > 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    store = new PostgresEventStore({ connectionString: database.url });
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    await sql.query(EVENT_TALLY_DDL);
  });

  afterAll(async () => {
    for (const projector of running) projector.child.kill('SIGKILL');
    await Promise.all(running.map((projector) => projector.exited));
    await sql?.end();
    await store?.close();
    await database?.drop();
  });

  it('resumes from its checkpoint with no event missed and none applied twice', async () => {
    await scenario.append(store, 1500);
    const progress = [0];
    for (let round = 0; round < 4; round++) {
      // A name per round: the backend of the previous, killed projector may linger a moment in pg_stat_activity.
      const applicationName = `glint-kill-test-${process.pid}-${round}`;
      const projector = startProjector(database.url, applicationName);
      running.push(projector);
      await projector.started;
      await until('both projections to commit a batch', async () => (await slowestCheckpoint()) > progress[progress.length - 1], { timeoutMs: 30_000, explain: projector.output });
      // Not a wait for an outcome: a moment drawn from the seed, so each round's kill lands at another
      // depth of a batch. A state the test can see (a checkpoint, an open transaction) only shows
      // where a batch starts, so waiting for one would kill every round at the same point.
      await new Promise((resolve) => setTimeout(resolve, scenario.random() * 400));
      await until('a batch in flight', () => batchInFlight(applicationName), { explain: projector.output });
      projector.child.kill('SIGKILL');
      await projector.exited;
      running.splice(running.indexOf(projector), 1);
      progress.push(await slowestCheckpoint());
      await scenario.append(store, 100);
    }
    const head = await store.headPosition();
    expect(progress[progress.length - 1]).toBeLessThan(head);

    const last = startProjector(database.url, `glint-kill-test-${process.pid}-last`);
    running.push(last);
    await last.started;
    await until('the restarted projector to catch up', async () => (await checkpoints()).every((checkpoint) => checkpoint.position === head), { timeoutMs: 60_000, explain: last.output });
    last.child.kill('SIGTERM');
    expect(await last.exited).toBe(0);
    running.splice(running.indexOf(last), 1);

    const log = await readWholeLog(store);
    expect(await checkpoints()).toEqual([
      { name: 'account_history', position: head },
      { name: 'event_tally', position: head },
    ]);
    expect(await accountHistoryRows(sql)).toEqual(await scenario.expectedRows(store, log));
    const tally = await sql.query('SELECT stream_name, events, last_position::float8 AS last_position FROM event_tally');
    expect(tally.rows.sort((x, y) => (x.stream_name < y.stream_name ? -1 : 1))).toEqual(expectedTally(log));
  }, 120_000);
});
