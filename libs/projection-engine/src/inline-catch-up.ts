import type { MikroORM } from '@mikro-orm/postgresql';
import type { EventStore } from '@glint/eventstore';
import type { Projection } from './projection';
import { LIVE_CHECKPOINTS, ensureCheckpoint, readCheckpoint, writeCheckpoint } from './checkpoints';
import { applyEvents, assertAfter, inCheckpointedTransaction } from './checkpointed-transaction';

export interface InlineCatchUpOptions {
  orm: MikroORM;
  store: EventStore;
  projection: Projection;
  batchSize: number;
}

/**
 * Applies every event up to `uptoPosition` in the caller's own request, so the caller reads its own
 * write. It goes through the same checkpoint row lock as the live runner: whichever holds the row
 * applies the next events and moves the checkpoint, so no event is applied twice. Returns the
 * checkpoint afterwards, at or past `uptoPosition`.
 */
export async function catchUpInline(options: InlineCatchUpOptions, uptoPosition: number): Promise<number> {
  const { orm, store, projection, batchSize } = options;
  const current = await readCheckpoint(orm.em.fork(), LIVE_CHECKPOINTS, projection.name);
  // Usually the live runner got there first: answering without the row lock keeps requests from queueing behind its batch.
  if (current !== undefined && current >= uptoPosition) return current;
  if (current === undefined) await ensureCheckpoint(orm.em.fork(), LIVE_CHECKPOINTS, projection.name);
  for (;;) {
    const step = await inCheckpointedTransaction(orm, projection, { checkpointTable: LIVE_CHECKPOINTS }, async (em, stored) => {
      if (stored >= uptoPosition) return { position: stored, done: true };
      const read = await store.readAll({ fromPosition: stored, maxCount: batchSize });
      if (read.length === 0) {
        throw new Error(`Cannot catch ${projection.name} up to position ${uptoPosition}: the event log ends at ${stored}.`);
      }
      const events = read.filter((event) => event.position <= uptoPosition);
      if (events.length === 0) return { position: stored, done: true };
      assertAfter(stored, events);
      await applyEvents(em, projection, events);
      const position = events[events.length - 1].position;
      await writeCheckpoint(em, LIVE_CHECKPOINTS, projection.name, position);
      return { position, done: position >= uptoPosition };
    });
    if (step.done) return step.position;
  }
}
