import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { newEventId, type NewEvent, type RecordedEvent } from '@glint/eventstore';
import { createProjectionEngine, type ProjectionEngine } from '@glint/projection-engine';
import { quietPeriod, until } from '@glint/testing';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { EVENT_TALLY_DDL, eventTally, recordingLogger } from '@glint/testing/projections';
import type { Publication } from '../topics';
import { LiveRelay } from './live-relay';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const happened = (type: string): NewEvent => ({
  id: newEventId(),
  type,
  data: {},
  metadata: { correlationId: 'c-1', causationId: null, actor: { type: 'system' }, occurredAt: new Date().toISOString() },
});

describe('LiveRelay', () => {
  let opened: TestStore;
  let publisher: Redis;
  let subscriber: Redis;
  const topic = `glint:test:relay:${randomUUID()}`;
  const received: Array<{ id: string; event: string }> = [];
  const engines: ProjectionEngine[] = [];

  // Every event becomes one frame on the test's own topic, so the test sees exactly what was relayed.
  const publicationsOf = async (events: readonly RecordedEvent[]): Promise<Publication[]> => events.map((event) => ({ topic, frame: { id: event.id, event: event.type, data: {} } }));
  /** A process's projection engine, with no projection, feeding the relay from its reader. */
  const relay = () => {
    const engine = createProjectionEngine({ store: opened.store, databaseUrl: opened.database.url, projections: [], lockRetryMs: 100, errorRetryMs: 100, logger: recordingLogger() });
    engine.addReactor(new LiveRelay(publisher, publicationsOf));
    engines.push(engine);
    return engine;
  };

  beforeAll(async () => {
    opened = await openTestStore();
    publisher = new Redis(REDIS_URL);
    subscriber = new Redis(REDIS_URL);
    subscriber.on('message', (_, message: string) => received.push(JSON.parse(message)));
    await subscriber.subscribe(topic);
  });
  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.stop()));
    await subscriber.quit();
    await publisher.quit();
    await closeTestStore(opened);
  });

  it('starts at the head of the log, relays each later event once with one relay active, and a standby takes over where it stopped', async () => {
    await opened.store.append('before-1', [happened('BeforeAnyRelay')]);
    const first = relay();
    await first.start();
    const firstEvent = happened('First');
    await opened.store.append('stream-1', [firstEvent]);
    await until('the first frame', () => received.length >= 1);

    // The first relay is active now; a second one stands by, and relays nothing while it waits.
    const second = relay();
    await second.start();
    await opened.store.append('stream-1', [happened('Second'), happened('Third')]);
    await until('three frames', () => received.length >= 3);
    await quietPeriod(300, 'a standby relaying too would send its copies of Second and Third as soon as the active relay sent its own');
    expect(received.map((frame) => frame.event)).toEqual(['First', 'Second', 'Third']);
    expect(received[0].id).toBe(firstEvent.id);

    await first.stop();
    await opened.store.append('stream-1', [happened('Fourth')]);
    await until('the fourth frame, from the relay that took over', () => received.length >= 4);

    // With no relay running the log moves on; the next relay starts from the stored checkpoint.
    await second.stop();
    await opened.store.append('stream-1', [happened('Fifth')]);
    await relay().start();
    await until('the fifth frame', () => received.length >= 5);
    await quietPeriod(300, 'a relay resuming before its checkpoint would send the older frames in the batch that brought Fifth');
    expect(received.map((frame) => frame.event)).toEqual(['First', 'Second', 'Third', 'Fourth', 'Fifth']);
  });

  it('reads the batches of its process\'s one reader, beside the projections', async () => {
    await opened.sql.query(EVENT_TALLY_DDL);
    const subscribe = jest.spyOn(opened.store, 'subscribeToAll');
    const engine = createProjectionEngine({ store: opened.store, databaseUrl: opened.database.url, projections: [eventTally], logger: recordingLogger() });
    engine.addReactor(new LiveRelay(publisher, publicationsOf));
    engines.push(engine);
    try {
      await engine.start();
      const before = received.length;
      const { lastPosition } = await opened.store.append('stream-beside', [happened('Beside')]);
      await until('the frame of the new event', () => received.length > before);
      await engine.waitFor('all', lastPosition);
      expect(received.slice(before).map((frame) => frame.event)).toEqual(['Beside']);
      expect((await opened.sql.query(`SELECT events FROM event_tally WHERE stream_name = 'stream-beside'`)).rows).toEqual([{ events: 1 }]);
      expect(subscribe).toHaveBeenCalledTimes(1);
    } finally {
      subscribe.mockRestore();
      await engine.stop();
    }
  });
});
