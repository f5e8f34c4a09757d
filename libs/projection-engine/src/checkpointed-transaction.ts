import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { RecordedEvent } from '@glint/eventstore';
import { applyEvent, PendingRows, type Projection } from './projection';
import { lockCheckpoint, writeCheckpoint } from './checkpoints';
import { quoteIdentifier } from './sql-identifier';

/**
 * Where a batch lands: the live tables with the live checkpoint, or a rebuild's tables (found
 * first on the search path) with the rebuild's own checkpoint.
 */
export interface ProjectionTarget {
  checkpointTable: string;
  /** Schema searched before `public`, so the handlers' unqualified table names resolve to its tables. */
  schema?: string;
}

export type BatchOutcome =
  | { applied: true; position: number }
  /** Someone else (an inline catch-up, a rebuild swap) moved the checkpoint: nothing was written. */
  | { applied: false; storedPosition: number };

/**
 * Runs `work` in one transaction that holds the projection's checkpoint row lock, so the rows it
 * writes and the checkpoint it moves commit together or not at all.
 */
export async function inCheckpointedTransaction<T>(
  orm: MikroORM,
  projection: Projection,
  target: ProjectionTarget,
  work: (em: EntityManager, storedPosition: number) => Promise<T>,
): Promise<T> {
  return orm.em.fork().transactional(
    async (em) => {
      if (target.schema) await useSchema(em, target.schema);
      const stored = await lockCheckpoint(em, target.checkpointTable, projection.name);
      return work(em, stored);
    },
    // Read committed on purpose: after waiting for the row lock, every following statement must see
    // what the previous holder committed (a catch-up's rows, a swapped-in table).
    { isolationLevel: IsolationLevel.READ_COMMITTED },
  );
}

export async function useSchema(em: EntityManager, schema: string): Promise<void> {
  await em.execute(`SET LOCAL search_path TO ${quoteIdentifier(schema)}, public`, [], 'run');
}

/** Applies the events in order, flushes the entities the handlers created, inserts the rows they returned. */
export async function applyEvents(em: EntityManager, projection: Projection, events: readonly RecordedEvent[]): Promise<void> {
  const pending = new PendingRows();
  for (const event of events) await applyEvent(projection, event, em, pending);
  await em.flush();
  await pending.insert(em);
}

/**
 * Applies a batch the caller read after `expectedPosition`. If the stored checkpoint is not there
 * any more, the batch is stale: it is dropped and the caller resumes from the stored position.
 */
export async function applyBatch(
  orm: MikroORM,
  projection: Projection,
  target: ProjectionTarget,
  events: readonly RecordedEvent[],
  expectedPosition: number,
): Promise<BatchOutcome> {
  return inCheckpointedTransaction(orm, projection, target, async (em, stored): Promise<BatchOutcome> => {
    if (stored !== expectedPosition) return { applied: false, storedPosition: stored };
    assertAfter(stored, events);
    await applyEvents(em, projection, events);
    const position = events.length > 0 ? events[events.length - 1].position : stored;
    await writeCheckpoint(em, target.checkpointTable, projection.name, position);
    return { applied: true, position };
  });
}

/** An event at or below the checkpoint was applied already; applying it again would double it. */
export function assertAfter(position: number, events: readonly RecordedEvent[]): void {
  if (events.length > 0 && events[0].position <= position) {
    throw new Error(`The event store handed over position ${events[0].position}, which is not after checkpoint ${position}; refusing to apply it twice.`);
  }
}
