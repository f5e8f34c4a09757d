import type { Pool } from 'pg';
import type { EventStore } from '@glint/eventstore';
import { handlesType, type Projection } from './projection';
import { applyProjectionBatch, LIVE_TABLES } from './projection-batch';
import { ensureCheckpoints, LIVE_CHECKPOINTS, readCheckpoints, storeCheckpoints, withConnection } from './checkpoints';

export interface InlineCatchUpOptions {
  pool: Pool;
  store: EventStore;
  projection: Projection;
  batchSize: number;
}

/**
 * Applies every event up to `uptoPosition` in the caller's own request, for a projection no reader
 * of this process feeds (the CLI, a gateway run alone, a lock held by another process). It goes
 * through the same checkpoint row claim as the live reader: whichever claims the row applies the
 * next events, so none is applied twice. Returns the checkpoint afterwards, at or past `uptoPosition`.
 */
export async function catchUpInline(options: InlineCatchUpOptions, uptoPosition: number): Promise<number> {
  const { pool, store, projection, batchSize } = options;
  const { name } = projection;
  const head = await store.headPosition();
  if (uptoPosition > head) throw new Error(`Cannot catch ${name} up to position ${uptoPosition}: the event log ends at ${head}.`);
  let position = await withConnection(pool, async (client) => {
    await ensureCheckpoints(client, LIVE_CHECKPOINTS, new Map([[name, 0]]));
    return (await readCheckpoints(client, LIVE_CHECKPOINTS)).get(name) ?? 0;
  });
  while (position < uptoPosition) {
    const read = (await store.readAll({ fromPosition: position, maxCount: batchSize })).filter((event) => event.position <= uptoPosition);
    if (read.length === 0) break;
    const end = read[read.length - 1].position;
    const events = read.filter((event) => handlesType(projection, event.type));
    if (events.length > 0) {
      position = (await applyProjectionBatch(pool, projection, { schema: LIVE_TABLES, checkpointTable: LIVE_CHECKPOINTS }, events, end)).position;
    } else {
      // Nothing to apply: the checkpoint moves on all the same, so the next caller reads from here.
      await withConnection(pool, (client) => storeCheckpoints(client, LIVE_CHECKPOINTS, new Map([[name, end]])));
      position = end;
    }
  }
  return position;
}
