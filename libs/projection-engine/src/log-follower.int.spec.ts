import { randomUUID } from 'node:crypto';
import { newEventId, type NewEvent, type RecordedEvent } from '@glint/eventstore';
import { until } from '@glint/testing';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { LogFollower, type LogFollowerOptions } from './log-follower';

const TABLE = 'follower_test_checkpoints';

const happened = (type: string): NewEvent => ({
  id: newEventId(),
  type,
  data: {},
  metadata: { correlationId: 'c-1', causationId: null, actor: { type: 'system' }, occurredAt: new Date().toISOString() },
});

/** What the followers of one test did, in order; a test waits `until` it shows a state. */
class Observed {
  readonly handled: Array<{ follower: string; type: string }> = [];
  readonly lines: Array<{ follower: string; line: string }> = [];

  logged(follower: string, line: string): boolean {
    return this.lines.some((entry) => entry.follower === follower && entry.line === line);
  }

  typesHandled(): string[] {
    return this.handled.map((entry) => entry.type);
  }
}

describe('LogFollower', () => {
  let opened: TestStore;
  const followers: LogFollower[] = [];

  beforeAll(async () => {
    opened = await openTestStore();
    await opened.sql.query(`CREATE TABLE ${TABLE} (name text PRIMARY KEY, position bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
  });
  afterAll(async () => {
    await Promise.all(followers.map((follower) => follower.stop()));
    await closeTestStore(opened);
  });

  /** A follower on its own lock and checkpoint row, reporting to `observed` under `label`. */
  function follower(observed: Observed, label: string, names: { lock: string; checkpoint: string; application: string }, overrides: Partial<LogFollowerOptions> = {}): LogFollower {
    const note = (line: string) => observed.lines.push({ follower: label, line });
    const created = new LogFollower({
      store: opened.store,
      databaseUrl: opened.database.url,
      lockName: names.lock,
      checkpoint: { table: TABLE, name: names.checkpoint },
      applicationName: names.application,
      handle: async (events) => {
        for (const event of events) observed.handled.push({ follower: label, type: event.type });
      },
      logger: { log: note, error: note },
      messages: { active: 'active', waiting: 'waiting', lockLost: 'lock lost', failed: (error) => `failed: ${error}`, batchFailed: (error) => `batch failed: ${error}` },
      lockRetryMs: 50,
      errorRetryMs: 50,
      ...overrides,
    });
    followers.push(created);
    return created;
  }

  const freshNames = () => {
    const id = randomUUID().slice(0, 8);
    return { lock: `glint.test.${id}`, checkpoint: `test_${id}`, application: `glint-test-${id}` };
  };
  const checkpointOf = async (name: string): Promise<number | undefined> => {
    const { rows } = await opened.sql.query<{ position: string }>(`SELECT position FROM ${TABLE} WHERE name = $1`, [name]);
    return rows.length === 0 ? undefined : Number(rows[0].position);
  };
  const sessionsOf = async (applicationName: string): Promise<number> => {
    const { rows } = await opened.sql.query<{ count: string }>('SELECT count(*) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    return Number(rows[0].count);
  };

  it('keeps its checkpoint at the head on start, then hands over each later event and moves its checkpoint past it', async () => {
    const observed = new Observed();
    const names = freshNames();
    await opened.store.append(`before-${names.checkpoint}`, [happened('BeforeStart')]);
    const head = await opened.store.headPosition();

    const first = follower(observed, 'first', names);
    await first.start();
    expect(await checkpointOf(names.checkpoint)).toBe(head);

    const { lastPosition } = await opened.store.append(`stream-${names.checkpoint}`, [happened('One'), happened('Two')]);
    await until('both events handled', () => observed.handled.length >= 2);
    await first.stop();
    expect(observed.typesHandled()).toEqual(['One', 'Two']);
    expect(await checkpointOf(names.checkpoint)).toBe(lastPosition);
  });

  it('hands a batch whose handling failed over again, before anything after it, and logs the failure', async () => {
    const observed = new Observed();
    const names = freshNames();
    const attempts: string[][] = [];
    let refusedOnce = false;
    const retried = follower(observed, 'retried', names, {
      handle: async (events: readonly RecordedEvent[]) => {
        const types = events.map((event) => event.type);
        attempts.push(types);
        if (!refusedOnce && types.includes('Refused')) {
          refusedOnce = true;
          throw new Error('the mail service is down');
        }
        for (const type of types) observed.handled.push({ follower: 'retried', type });
      },
    });
    await retried.start();

    await opened.store.append(`stream-${names.checkpoint}`, [happened('Refused')]);
    await opened.store.append(`stream-${names.checkpoint}`, [happened('After')]);
    await until('both events handled', () => observed.handled.length >= 2);
    await retried.stop();

    expect(attempts[0][0]).toBe('Refused');
    expect(observed.typesHandled()).toEqual(['Refused', 'After']);
    expect(observed.logged('retried', 'batch failed: the mail service is down')).toBe(true);
  });

  it('lets one follower be active at a time; when its session dies it logs the lost lock and the log is followed on from the checkpoint', async () => {
    const observed = new Observed();
    const names = freshNames();
    const first = follower(observed, 'first', names);
    await first.start();
    await until('the first follower to be active', () => observed.logged('first', 'active'));
    const second = follower(observed, 'second', names);
    await second.start();
    await until('the second follower to wait for the lock', () => observed.logged('second', 'waiting'));

    const { lastPosition } = await opened.store.append(`stream-${names.checkpoint}`, [happened('BeforeTheLoss')]);
    await until('the first event handled', () => observed.handled.length >= 1);
    expect(observed.handled).toEqual([{ follower: 'first', type: 'BeforeTheLoss' }]);
    // The checkpoint moves after the handler returns; the session dies only once it has moved.
    await until('the checkpoint past the first event', async () => (await checkpointOf(names.checkpoint)) === lastPosition);

    const { rows } = await opened.sql.query<{ pid: number }>(
      `SELECT locks.pid FROM pg_locks locks JOIN pg_stat_activity activity ON activity.pid = locks.pid
        WHERE locks.locktype = 'advisory' AND locks.granted AND activity.application_name = $1`,
      [names.application],
    );
    expect(rows).toHaveLength(1);
    await opened.sql.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
    await until('the first follower to log its lost lock', () => observed.logged('first', 'lock lost'));

    await opened.store.append(`stream-${names.checkpoint}`, [happened('AfterTheLoss')]);
    await until('both events handled', () => observed.handled.length >= 2);
    await Promise.all([first.stop(), second.stop()]);
    expect(observed.typesHandled()).toEqual(['BeforeTheLoss', 'AfterTheLoss']);
  });

  it('stops at once while it waits for the lock, and leaves no session open', async () => {
    const observed = new Observed();
    const names = freshNames();
    const active = follower(observed, 'active', names);
    await active.start();
    await until('the one follower to take the lock', () => observed.logged('active', 'active'));
    // A wait far longer than the test's timeout: stop must end it rather than sit it out.
    const waiting = follower(observed, 'waiting', names, { lockRetryMs: 10 * 60_000 });
    await waiting.start();
    await until('the other follower to wait for the lock', () => observed.logged('waiting', 'waiting'));

    await waiting.stop();
    await active.stop();
    expect(await sessionsOf(names.application)).toBe(0);
  });
});
