import { randomUUID } from 'node:crypto';
import { eventually, quietPeriod } from '@glint/testing';
import { createTestDatabase, type TestDatabase } from '@glint/testing/database';
import { PartialDuplicateError, WrongExpectedRevisionError } from '../errors';
import { newEventId } from '../event-id';
import type { AppendResult, NewEvent } from '../types';
import { PostgresEventStore } from './postgres-event-store';

/** What only the PostgreSQL adapter does: group commit, transactions, its health and sessions. */
const metadata = () => ({ correlationId: randomUUID(), causationId: null, actor: { type: 'system' as const }, occurredAt: new Date().toISOString() });
const event = (type = 'ChannelFollowed', data: unknown = { channelId: 'c1' }): NewEvent => ({ id: newEventId(), type, data, metadata: metadata() });
const stream = (prefix = 'channel') => `${prefix}-${randomUUID()}`;

describe('PostgresEventStore', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    store = new PostgresEventStore({ connectionString: database.url, pollIntervalMs: 100 });
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('gathers concurrent appends into shared transactions, each keeping its own outcome', async () => {
    const hot = stream();
    await store.append(hot, [event()]);
    const attempts = Array.from({ length: 40 }, (_, i) =>
      i % 10 === 0
        ? store.append(hot, [event()], { expectedRevision: 99 }).catch((error: unknown) => error)
        : store.append(stream(), [event()], { expectedRevision: 'no_stream' }),
    );
    const outcomes = await Promise.all(attempts);
    const failed = outcomes.filter((outcome) => outcome instanceof WrongExpectedRevisionError);
    const stored = outcomes.filter((outcome): outcome is AppendResult => !(outcome instanceof Error));
    expect(failed).toHaveLength(4);
    expect(stored).toHaveLength(36);
    expect(new Set(stored.map((result) => result.lastPosition)).size).toBe(36);
    expect(await store.readStream(hot)).toHaveLength(1);
  });

  it('keeps the order of appends to one stream issued at once', async () => {
    const name = stream();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(name, [event('TitleChanged', { i })])));
    expect(results.map((result) => result.nextExpectedRevision)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect((await store.readStream(name)).map((e) => (e.data as { i: number }).i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('answers a retry that shares a transaction with new appends, and lets the new ones through', async () => {
    const first = [event()];
    const name = stream();
    const original = await store.append(name, first);
    const head = await store.headPosition();
    const [retry, ...fresh] = await Promise.all([
      store.append(name, first, { expectedRevision: 'no_stream' }),
      ...Array.from({ length: 5 }, () => store.append(stream(), [event()])),
    ]);
    expect(retry).toEqual({ ...original, duplicate: true });
    expect(fresh.every((result) => !result.duplicate)).toBe(true);
    expect(await store.headPosition()).toBe(head + 5);
  });

  it('answers the same retry sent through two processes at once exactly once', async () => {
    const other = new PostgresEventStore({ connectionString: database.url });
    try {
      const events = [event(), event()];
      const name = stream();
      const [a, b] = await Promise.all([store.append(name, events), other.append(name, events)]);
      expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
      expect(a.firstPosition).toBe(b.firstPosition);
      expect(await store.readStream(name)).toHaveLength(2);
    } finally {
      await other.close();
    }
  });

  it('refuses an append that repeats some stored ids with new ones', async () => {
    const stored = event();
    const name = stream();
    await store.append(name, [stored]);
    await expect(store.append(name, [stored, event()])).rejects.toBeInstanceOf(PartialDuplicateError);
    expect(await store.readStream(name)).toHaveLength(1);
  });

  it('commits a transaction’s appends together with its other writes, or none of them', async () => {
    const kept = stream();
    const dropped = stream();
    await store.withTransaction(async (tx) => {
      await tx.append(kept, [event()]);
      await tx.append(kept, [event()], { expectedRevision: 0 });
    });
    await expect(
      store.withTransaction(async (tx) => {
        await tx.append(dropped, [event()]);
        await tx.append(dropped, [event()], { expectedRevision: 5 });
      }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await store.readStream(kept)).toHaveLength(2);
    expect(await store.readStream(dropped)).toEqual([]);
  });

  it('sets an idle-in-transaction timeout on its sessions, so a forgotten transaction cannot hold the log', async () => {
    const timeout = await store.withTransaction(async (tx) => (await tx.client.query('SHOW idle_in_transaction_session_timeout')).rows[0]);
    expect(timeout).toEqual({ idle_in_transaction_session_timeout: '1min' });
  });

  it('reports how long an append has waited behind an open transaction', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holding = store.withTransaction(async (tx) => {
      await tx.append(stream(), [event()]);
      await held;
    });
    const other = new PostgresEventStore({ connectionString: database.url });
    try {
      const waiting = other.append(stream(), [event()]);
      await eventually(async () => {
        const health = await other.health();
        expect(health.oldestOpenTransactionSeconds).toBeGreaterThanOrEqual(1);
        expect(health.appendBlockedSeconds).toBeGreaterThanOrEqual(1);
      });
      release();
      await holding;
      await waiting;
      expect((await other.health()).appendBlockedSeconds).toBe(0);
    } finally {
      release();
      await other.close();
    }
  });

  it('reads a whole stream, however long, when no maximum is asked', async () => {
    const name = stream();
    await store.append(name, Array.from({ length: 10_001 }, (_, i) => event('ChatMessageSent', { i })));
    const forwards = await store.readStream(name);
    const backwards = await store.readStream(name, { direction: 'backwards' });
    expect(forwards.map((e) => e.streamRevision)).toEqual(Array.from({ length: 10_001 }, (_, i) => i));
    expect(backwards.map((e) => e.streamRevision)).toEqual(Array.from({ length: 10_001 }, (_, i) => 10_000 - i));
  });

  it('refuses stream settings that JSON cannot hold, and keeps a deleted stream’s past hidden', async () => {
    const name = stream();
    await expect(store.setStreamMetadata(name, { since: new Date() } as Record<string, unknown>)).rejects.toMatchObject({ code: 'invalid_argument' });
    await store.append(name, [event(), event()]);
    await store.softDeleteStream(name);
    await store.truncateStreamBefore(name, 0);
    await store.append(name, [event()], { expectedRevision: 'no_stream' });
    expect((await store.readStream(name)).map((e) => e.streamRevision)).toEqual([2]);
  });

  it('delivers a live append to a subscriber well within a second', async () => {
    const from = await store.headPosition();
    const subscription = store.subscribeToAll({ fromPosition: from });
    const iterator = subscription[Symbol.asyncIterator]();
    const first = iterator.next();
    let delivered = false;
    void first.then(() => (delivered = true));
    await quietPeriod(50, 'the subscription reads the log as it starts: a batch it yielded with nothing appended would be here by now');
    // Nothing came, so it waits for the log to grow: what follows measures live delivery.
    expect(delivered).toBe(false);
    const sentAt = Date.now();
    const { lastPosition } = await store.append(stream(), [event()]);
    const { value } = await first;
    expect(Date.now() - sentAt).toBeLessThan(500);
    expect(value.map((e: { position: number }) => e.position)).toEqual([lastPosition]);
    await subscription.stop();
  });
});
