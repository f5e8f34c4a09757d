import { ConflictError } from '@glint/domain-errors';
import { createProjectionEngine, defineProjection, readModelTable } from '@glint/projection-engine';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { recordingLogger } from '@glint/testing/projections';
import type { CommandContext } from './command-context';
import type { Decider } from './decider';
import { EventSourcedStreams } from './event-sourced-streams';

type Counted = { type: 'Counted'; data: { by: number } };
type Counter = { total: number };
type Count = { by: number; atMost: number };

const counter: Decider<Counter, Count, Counted> = {
  initialState: { total: 0 },
  evolve: (state, event) => ({ total: state.total + event.data.by }),
  decide: (command, state) => (state.total + command.by > command.atMost ? [] : [{ type: 'Counted', data: { by: command.by } }]),
};

const at = (iso: string): CommandContext => ({ actor: { type: 'system' }, correlationId: 'c-1', causationId: null, now: new Date(iso) });

describe('EventSourcedStreams', () => {
  let opened: TestStore;
  let streams: EventSourcedStreams;

  beforeAll(async () => {
    opened = await openTestStore();
    streams = new EventSourcedStreams(opened.store);
  });
  afterAll(() => closeTestStore(opened));

  it('appends what the decider decides, with metadata from the context, and returns the new state', async () => {
    const handled = await streams.handle('counter-a', counter, { by: 2, atMost: 10 }, at('2026-11-23T10:00:00.000Z'));

    expect(handled.state).toEqual({ total: 2 });
    expect(handled.appended).toHaveLength(1);
    const [stored] = await opened.store.readStream('counter-a');
    expect(stored).toMatchObject({ type: 'Counted', data: { by: 2 }, position: handled.lastPosition, metadata: { correlationId: 'c-1', occurredAt: '2026-11-23T10:00:00.000Z', actor: { type: 'system' } } });
  });

  it('appends nothing when the decider decides nothing', async () => {
    const handled = await streams.handle('counter-a', counter, { by: 100, atMost: 10 }, at('2026-11-23T10:01:00.000Z'));
    expect(handled).toEqual({ state: { total: 2 }, revision: 0, appended: [], lastPosition: null });
  });

  it('decides again on the fresh state when a concurrent writer got there first, so a limit holds', async () => {
    // 20 writers race to add 1 each to a counter capped at 5: exactly 5 may win.
    await Promise.all(Array.from({ length: 20 }, () => streams.handle('counter-race', counter, { by: 1, atMost: 5 }, at('2026-11-23T10:00:00.000Z'), { maxAttempts: 50 })));
    const { state } = await streams.load('counter-race', counter);
    expect(state.total).toBe(5);
  });

  it('answers a conflict once the attempts are used up', async () => {
    const racing = Array.from({ length: 6 }, () => streams.handle('counter-conflict', counter, { by: 1, atMost: 100 }, at('2026-11-23T10:00:00.000Z'), { maxAttempts: 1 }));
    const outcomes = await Promise.allSettled(racing);
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => (outcome as PromiseRejectedResult).reason);
    expect(refused.length).toBeGreaterThan(0);
    for (const reason of refused) expect(reason).toMatchObject({ code: 'concurrent_change' });
    for (const reason of refused) expect(reason).toBeInstanceOf(ConflictError);
    const { state } = await streams.load('counter-conflict', counter);
    expect(state.total).toBe(6 - refused.length);
  });

  it('decides on the state its writer holds without reading the stream, and reloads when someone wrote meanwhile', async () => {
    const first = await streams.handle('counter-held', counter, { by: 1, atMost: 100 }, at('2026-11-23T10:00:00.000Z'));
    expect(first.revision).toBe(0);
    const held = await streams.handle('counter-held', counter, { by: 2, atMost: 100 }, at('2026-11-23T10:00:01.000Z'), { from: first });
    expect({ state: held.state, revision: held.revision }).toEqual({ state: { total: 3 }, revision: 1 });

    // Another writer appends; the held state (total 3, revision 1) is stale, and the append after it loses the race.
    await streams.handle('counter-held', counter, { by: 10, atMost: 100 }, at('2026-11-23T10:00:02.000Z'));
    const afterRace = await streams.handle('counter-held', counter, { by: 100, atMost: 113 }, at('2026-11-23T10:00:03.000Z'), { from: held });
    // Decided again on the fresh state (13): the limit of 113 holds and 100 is added.
    expect({ state: afterRace.state, revision: afterRace.revision }).toEqual({ state: { total: 113 }, revision: 3 });
  });

  it('refuses a lost race with the one conflict code once the attempts run out', async () => {
    await streams.handle('counter-stale', counter, { by: 1, atMost: 100 }, at('2026-11-23T10:00:00.000Z'));
    const stale = { state: { total: 0 }, revision: 'no_stream' as const };
    await expect(streams.handle('counter-stale', counter, { by: 1, atMost: 100 }, at('2026-11-23T10:00:01.000Z'), { from: stale, maxAttempts: 1 })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'concurrent_change',
    });
  });

  it('loads the state as it stood at a past moment', async () => {
    await streams.handle('counter-history', counter, { by: 1, atMost: 100 }, at('2026-01-01T00:00:00.000Z'));
    await streams.handle('counter-history', counter, { by: 10, atMost: 100 }, at('2026-02-01T00:00:00.000Z'));

    expect((await streams.load('counter-history', counter, { asOf: new Date('2025-12-31T00:00:00.000Z') })).state.total).toBe(0);
    expect((await streams.load('counter-history', counter, { asOf: new Date('2026-01-15T00:00:00.000Z') })).state.total).toBe(1);
    expect((await streams.load('counter-history', counter, { asOf: new Date('2026-02-01T00:00:00.000Z') })).state.total).toBe(11);
  });

  describe('reading its own writes', () => {
    const totals = readModelTable('counter_totals', { key: ['stream_name'], columns: { stream_name: 'text', total: 'integer' } });
    const counterTotals = defineProjection<Counted>()({
      name: 'counter_totals',
      tables: { counter_totals: totals },
      handlers: {
        Counted: (event, tables) => tables.counter_totals.add({ stream_name: event.streamName }, 'total', event.data.by, { insertIfMissing: { stream_name: event.streamName, total: 0 } }),
      },
    });
    /** Handles another type only, and fails on it: a command that appends Counted does not wait for it. */
    const broken = defineProjection<{ type: 'Reset'; data: unknown }>()({
      name: 'broken',
      tables: { counter_totals: totals },
      handlers: {
        Reset: () => {
          throw new Error('this projection is broken');
        },
      },
    });

    it('returns once the read models of the appended types show the append, waiting for no other', async () => {
      await opened.sql.query('CREATE TABLE counter_totals (stream_name text PRIMARY KEY, total integer NOT NULL)');
      await opened.store.append('reset-1', [{ id: '6f1b0e52-8f1e-4d3a-9d7c-0f6b7d5e4a01', type: 'Reset', data: {}, metadata: { correlationId: 'c', causationId: null, actor: { type: 'system' }, occurredAt: '2026-11-23T10:00:00.000Z' } }]);
      // A long pause between attempts: the broken projection stays paused for the whole test.
      const engine = createProjectionEngine({ store: opened.store, databaseUrl: opened.database.url, projections: [counterTotals, broken], errorRetryMs: 600_000, logger: recordingLogger() });
      const reading = new EventSourcedStreams(opened.store, engine);
      const total = async (stream: string) => (await opened.sql.query('SELECT total FROM counter_totals WHERE stream_name = $1', [stream])).rows[0]?.total;
      try {
        await engine.start();
        for (let round = 1; round <= 5; round++) {
          await reading.handle('counter-read', counter, { by: 1, atMost: 100 }, at('2026-11-23T10:00:00.000Z'), { readYourWrites: true });
          expect(await total('counter-read')).toBe(round);
        }
        await reading.append('counter-appended', [{ type: 'Counted', data: { by: 7 } }], at('2026-11-23T10:00:00.000Z'), 'any', { readYourWrites: true });
        expect(await total('counter-appended')).toBe(7);
        expect((await engine.lag()).find((lag) => lag.name === 'broken')?.paused).toMatchObject({ error: 'this projection is broken' });
      } finally {
        await engine.stop();
      }
    });

    it('refuses to wait where the process keeps no read models, before it appends', async () => {
      await expect(streams.handle('counter-unread', counter, { by: 1, atMost: 100 }, at('2026-11-23T10:00:00.000Z'), { readYourWrites: true })).rejects.toThrow(
        'This process keeps no read models: nothing can wait for them to show a write.',
      );
      expect(await opened.store.readStream('counter-unread')).toEqual([]);
    });
  });
});
