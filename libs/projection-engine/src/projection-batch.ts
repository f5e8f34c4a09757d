import type { Pool, PoolClient } from 'pg';
import type { RecordedEvent } from '@glint/eventstore';
import type { Projection, ProjectionSql } from './projection';
import { BatchTableWriter, WrittenKeys, type BatchConnection } from './table-writer';
import { claimCheckpoint, claimCheckpoints, LIVE_CHECKPOINTS } from './checkpoints';
import { quoteIdentifier } from './sql-identifier';

/** Where a projection's batch lands: the live tables, or a rebuild's copies in a schema of their own. */
export interface BatchTarget {
  /** `public`, or a rebuild's schema, searched first by the escape hatch's unqualified names. */
  schema: string;
  /** The checkpoint table, qualified: the live one, or the rebuild's own. */
  checkpointTable: string;
}

export const LIVE_TABLES = 'public';

export interface BatchOutcome {
  /** False when the handlers wrote nothing: no statement ran, the checkpoint moves lazily. */
  applied: boolean;
  /** Where the projection stands after the batch. */
  position: number;
  /** Set when someone else had applied part of the batch: the checkpoint found past the batch's start. */
  overtakenAt?: number;
}

/** The keys a rebuild wrote, per table of one projection, kept from batch to batch. */
export type RebuildKeys = ReadonlyMap<string, WrittenKeys>;

/**
 * Applies `events` (of the projection's types, after its checkpoint as last seen) and moves its
 * checkpoint to `endPosition`, the end of the batch they come from, in one transaction: the rows
 * and the checkpoint commit together or not at all. The transaction begins with the first statement
 * the handlers need (a `get`, the escape hatch, or the flush at the end), by claiming the checkpoint
 * row; a batch whose handlers write nothing costs no statement at all. When someone else applied
 * some of the events meanwhile (an inline catch-up, a rebuild's swap), the batch starts again with
 * only the events past the stored checkpoint.
 */
export async function applyProjectionBatch(
  pool: Pool,
  projection: Projection,
  target: BatchTarget,
  events: readonly RecordedEvent[],
  endPosition: number,
  rebuildKeys?: RebuildKeys,
): Promise<BatchOutcome> {
  let pending = events;
  let overtakenAt: number | undefined;
  for (;;) {
    if (pending.length === 0) return { applied: false, position: endPosition, overtakenAt };
    const transaction = new ClaimingTransaction(pool, target, projection.name, pending[0].position, endPosition);
    try {
      await runHandlers(projection, pending, transaction, target.schema, rebuildKeys);
      if (!transaction.begun) return { applied: false, position: endPosition, overtakenAt };
      await transaction.commit();
      return { applied: true, position: endPosition, overtakenAt };
    } catch (error) {
      await transaction.rollback();
      if (!(error instanceof StaleBatchError)) throw error;
      overtakenAt = error.storedPosition;
      if (error.storedPosition >= endPosition) return { applied: false, position: error.storedPosition, overtakenAt };
      pending = pending.filter((event) => event.position > error.storedPosition);
    } finally {
      transaction.release();
    }
  }
}

/**
 * Applies one batch of the log to several projections in one transaction: one claim of all their
 * checkpoint rows, each projection's writes, one commit. True once committed. False, with nothing
 * applied, when any checkpoint had moved past its batch's start or any handler failed: the caller
 * then applies each projection in a transaction of its own, where a failure stays with its projection.
 */
export async function applyProjectionBatchesTogether(pool: Pool, parts: ReadonlyArray<{ projection: Projection; events: readonly RecordedEvent[] }>, endPosition: number): Promise<boolean> {
  const client = await pool.connect().catch(() => null);
  if (!client) return false;
  let broken = false;
  try {
    try {
      await client.query('BEGIN');
      const firstPositions = new Map(parts.map(({ projection, events }) => [projection.name, events[0].position]));
      if ((await claimCheckpoints(client, LIVE_CHECKPOINTS, firstPositions, endPosition)) < parts.length) {
        await client.query('ROLLBACK');
        return false;
      }
      const connection = { open: async () => client };
      for (const { projection, events } of parts) await runHandlers(projection, events, connection, LIVE_TABLES);
      await client.query('COMMIT');
      return true;
    } catch {
      // A connection that cannot even roll back is not given back to the pool.
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      return false;
    }
  } finally {
    client.release(broken);
  }
}

/**
 * Runs the handlers over the events with the projection's tables as batch writers on `connection`,
 * then flushes what they wrote. A rebuild's swap passes its own transaction as the connection.
 */
export async function runHandlers(projection: Projection, events: readonly RecordedEvent[], connection: BatchConnection, schema: string, rebuildKeys?: RebuildKeys): Promise<void> {
  const writers = Object.values(projection.tables).map((table) => new BatchTableWriter(table, schema, connection, rebuildKeys?.get(table.name) ?? null));
  const tables = Object.fromEntries(writers.map((writer) => [writer.table.name, writer]));
  const flushAll = async () => {
    for (const writer of writers) await writer.flush();
  };
  const sql: ProjectionSql = {
    execute: async (text, params = []) => {
      await flushAll();
      // The statement may write any row: what the rebuild knew it wrote no longer holds.
      for (const keys of rebuildKeys?.values() ?? []) keys.forget();
      const client = await connection.open();
      return (await client.query(text, [...params])).rows;
    },
  };
  const { handlers, allEvents } = projection;
  for (const event of events) {
    // Own properties only: an event type such as "toString" must not reach Object.prototype.
    if (Object.hasOwn(handlers, event.type)) {
      const handled = handlers[event.type](event, tables, sql);
      if (handled) await handled;
    }
    if (allEvents) {
      const handled = allEvents(event, tables, sql);
      if (handled) await handled;
    }
  }
  await flushAll();
}

class StaleBatchError extends Error {
  constructor(readonly storedPosition: number) {
    super(`The checkpoint is at ${storedPosition} already.`);
  }
}

/** The batch's transaction, begun by its first statement with the claim of the checkpoint row. */
class ClaimingTransaction implements BatchConnection {
  private client: PoolClient | null = null;
  private opening: Promise<PoolClient> | null = null;
  private broken = false;

  constructor(
    private readonly pool: Pool,
    private readonly target: BatchTarget,
    private readonly name: string,
    private readonly firstPosition: number,
    private readonly endPosition: number,
  ) {}

  get begun(): boolean {
    return this.opening !== null;
  }

  open(): Promise<PoolClient> {
    this.opening ??= this.begin();
    return this.opening;
  }

  async commit(): Promise<void> {
    await (await this.open()).query('COMMIT');
  }

  async rollback(): Promise<void> {
    if (!this.client) return;
    // A connection that cannot even roll back is not given back to the pool.
    await this.client.query('ROLLBACK').catch(() => {
      this.broken = true;
    });
  }

  release(): void {
    this.client?.release(this.broken);
    this.client = null;
  }

  private async begin(): Promise<PoolClient> {
    this.client = await this.pool.connect();
    await this.client.query('BEGIN');
    if (this.target.schema !== LIVE_TABLES) {
      // A rebuild's batch need not wait for its commit to reach the disk: a crash loses the rebuild
      // whole, and it is started again.
      await this.client.query(`SET LOCAL search_path TO ${quoteIdentifier(this.target.schema)}, public; SET LOCAL synchronous_commit TO off`);
    }
    const claim = await claimCheckpoint(this.client, this.target.checkpointTable, this.name, this.firstPosition, this.endPosition);
    if (!claim.claimed) throw new StaleBatchError(claim.storedPosition);
    return this.client;
  }
}
