import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { newEventId, PostgresEventStore, type NewEvent } from '@glint/eventstore';
import { seededRandom } from '@glint/testing';
import { type TestDatabase, closeTestStore, openTestStore } from '@glint/testing/database';
import { recordingLogger, waitForCaughtUp } from '@glint/testing/projections';
import { createProjectionEngine, defineProjection, readModelTable } from '.';

type LeaseTaken = { type: 'LeaseTaken'; data: { leaseId: string; holder: string; at: number; expiresAt: number } };
type LeaseRenewed = { type: 'LeaseRenewed'; data: { leaseId: string; expiresAt: number } };

const leasesTable = readModelTable('test_leases', { key: ['lease_id'], columns: { lease_id: 'text', holder: 'text', expires_at: 'timestamptz' } });

/** A holder's leases that had expired when it takes a new one go, as a user's sessions do at sign-in. */
const leases = defineProjection<LeaseTaken | LeaseRenewed>()({
  name: 'test_leases',
  tables: { test_leases: leasesTable },
  handlers: {
    LeaseTaken: ({ data }, tables) => {
      tables.test_leases.removeUpTo({ holder: data.holder }, 'expires_at', new Date(data.at));
      tables.test_leases.put({ lease_id: data.leaseId, holder: data.holder, expires_at: new Date(data.expiresAt) });
    },
    // Reads the row back: a lease removed earlier in the batch is not found, though still stored.
    LeaseRenewed: async ({ data }, tables) => {
      const row = await tables.test_leases.get({ lease_id: data.leaseId });
      if (row) tables.test_leases.set({ lease_id: data.leaseId }, { expires_at: new Date(data.expiresAt) });
    },
  },
});

type Lease = { lease_id: string; holder: string; expires_at: Date };

/** The leases one event at a time, as a single statement per event would leave them. */
function expectedLeases(events: Array<LeaseTaken | LeaseRenewed>): Lease[] {
  const rows = new Map<string, Lease>();
  for (const { type, data } of events) {
    if (type === 'LeaseTaken') {
      for (const [id, row] of rows) if (row.holder === data.holder && row.expires_at.getTime() <= data.at) rows.delete(id);
      rows.set(data.leaseId, { lease_id: data.leaseId, holder: data.holder, expires_at: new Date(data.expiresAt) });
    } else if (rows.has(data.leaseId)) {
      rows.get(data.leaseId)!.expires_at = new Date(data.expiresAt);
    }
  }
  return [...rows.values()].sort((a, b) => a.lease_id.localeCompare(b.lease_id));
}

function leaseEvents(count: number, seed: number, prefix: string): Array<LeaseTaken | LeaseRenewed> {
  const random = seededRandom(seed);
  const holders = ['ana', 'ben', 'chiara'].map((holder) => `${prefix}-${holder}`);
  const events: Array<LeaseTaken | LeaseRenewed> = [];
  const taken: string[] = [];
  let clock = Date.parse('2026-12-01T00:00:00Z');
  for (let index = 0; index < count; index++) {
    clock += Math.floor(random() * 60_000);
    if (taken.length > 0 && random() < 0.3) {
      events.push({ type: 'LeaseRenewed', data: { leaseId: taken[Math.floor(random() * taken.length)], expiresAt: clock + Math.floor(random() * 300_000) } });
    } else {
      const leaseId = `${prefix}-lease-${String(index).padStart(4, '0')}`;
      taken.push(leaseId);
      events.push({ type: 'LeaseTaken', data: { leaseId, holder: holders[Math.floor(random() * holders.length)], at: clock, expiresAt: clock + Math.floor(random() * 300_000) } });
    }
  }
  return events;
}

describe('removing rows up to a bound', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let sql: Client;

  beforeAll(async () => {
    ({ database, store, sql } = await openTestStore());
    await sql.query('CREATE TABLE test_leases (lease_id text PRIMARY KEY, holder text NOT NULL, expires_at timestamptz NOT NULL)');
  });
  afterAll(() => closeTestStore({ database, store, sql }));

  it.each([1, 7, 1_000])('leaves the rows one statement per event would, in batches of %i', async (batchSize) => {
    // Each case replays the log from its start, the earlier cases' events too: they hold other leases.
    await sql.query('TRUNCATE test_leases');
    await sql.query("DELETE FROM projection_checkpoints WHERE name = 'test_leases'");
    const prefix = `batch${batchSize}`;
    const events = leaseEvents(240, 20261207 + batchSize, prefix);
    const streamName = `leases-${randomUUID()}`;
    const stored: NewEvent[] = events.map((event) => {
      const id = newEventId();
      return { id, type: event.type, data: event.data, metadata: { correlationId: id, causationId: null, actor: { type: 'system' }, occurredAt: new Date().toISOString() } };
    });
    await store.append(streamName, stored);
    const logger = recordingLogger();
    const engine = createProjectionEngine({ store, databaseUrl: database.url, projections: [leases], batchSize, logger });
    try {
      await engine.start();
      await waitForCaughtUp(engine);
    } finally {
      await engine.stop();
    }
    const { rows } = await sql.query<Lease>('SELECT lease_id, holder, expires_at FROM test_leases WHERE lease_id LIKE $1 ORDER BY lease_id', [`${prefix}-%`]);
    const expected = expectedLeases(events);
    expect(expected.length).toBeLessThan(events.filter((event) => event.type === 'LeaseTaken').length);
    expect(rows).toEqual(expected);
    expect(logger.errors).toEqual([]);
  });
});
