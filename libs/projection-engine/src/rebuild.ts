import type { Pool, PoolClient } from 'pg';
import type { EventStore, RecordedEvent } from '@glint/eventstore';
import { handlesType, type Projection } from './projection';
import { applyProjectionBatch, runHandlers, type RebuildKeys } from './projection-batch';
import { WrittenKeys } from './table-writer';
import { ensureCheckpoints, LIVE_CHECKPOINTS, lockCheckpoint, withConnection } from './checkpoints';
import { quoteIdentifier } from './sql-identifier';
import { LockSession } from './session-lock';
import type { ProjectionEngineLogger } from './logger';

export interface RebuildProgress {
  /** The projections rebuilt together, from one read of the log. */
  projections: readonly string[];
  /** `replaying` into the fresh tables while the old ones serve; `swapping` them in, one projection at a time; `done`. */
  phase: 'replaying' | 'swapping' | 'done';
  /** Position of the last event applied to the fresh tables. */
  position: number;
  headPosition: number;
  /** Events read from the log so far, handled or passed by. */
  eventsReplayed: number;
}

export interface RebuildResult {
  projections: readonly string[];
  eventsReplayed: number;
  /** The last projection's live checkpoint after its swap: the fresh tables hold every event up to here. */
  position: number;
  durationMs: number;
}

export interface RebuildOptions {
  pool: Pool;
  store: EventStore;
  projections: readonly Projection[];
  databaseUrl: string;
  batchSize: number;
  logger: ProjectionEngineLogger;
  onProgress?: (progress: RebuildProgress) => void;
}

export function rebuildSchemaName(projection: string): string {
  return `glint_rebuild_${projection}`;
}

/** A rebuild remembers at most this many keys per table (see WrittenKeys). */
const WRITTEN_KEYS_LIMIT = 1_000_000;

/**
 * Replays the whole log, read once, into fresh copies of the projections' tables, each projection
 * in a schema of its own, while the live tables keep serving; then swaps each in. A swap is one
 * transaction that holds the projection's live checkpoint row: the live reader and inline
 * catch-ups wait on that row, apply nothing meanwhile, and afterwards find the checkpoint moved to
 * where the fresh tables end.
 */
export async function rebuildProjections(options: RebuildOptions): Promise<RebuildResult> {
  const { pool, projections, databaseUrl } = options;
  const started = Date.now();
  const names = projections.map((projection) => projection.name);
  const locks = await LockSession.open(databaseUrl, 'glint-projection-rebuild');
  const made: string[] = [];
  try {
    for (const name of names) {
      if (!(await locks.tryLock(`glint.projection-rebuild.${name}`))) throw new Error(`A rebuild of ${name} is already running; wait for it to finish.`);
    }
    const deferredIndexes = new Map<string, string[]>();
    for (const projection of projections) {
      made.push(rebuildSchemaName(projection.name));
      deferredIndexes.set(projection.name, await createRebuildTables(pool, projection));
    }
    const replayed = await replay(options, locks.lost);
    let position = replayed.position;
    for (const projection of projections) {
      if (locks.lost.aborted) throw lostLockError(names);
      await buildIndexes(pool, deferredIndexes.get(projection.name)!);
      await makeLogged(pool, projection);
      position = await swap(options, projection, replayed);
      made.splice(made.indexOf(rebuildSchemaName(projection.name)), 1);
    }
    const { eventsReplayed } = replayed;
    const result = { projections: names, eventsReplayed, position, durationMs: Date.now() - started };
    options.onProgress?.({ projections: names, phase: 'done', position, headPosition: position, eventsReplayed });
    options.logger.log({ event: 'Projection.Rebuild.Swapped', ...result });
    return result;
  } catch (error) {
    await withConnection(pool, async (client) => {
      for (const schema of made) await client.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
    }).catch(() => undefined);
    throw error;
  } finally {
    await locks.close();
  }
}

function lostLockError(names: readonly string[]): Error {
  return new Error(`The rebuild of ${names.join(', ')} lost its database session; nothing more was swapped, run it again.`);
}

function rebuildCheckpoints(projection: Projection): string {
  return `${quoteIdentifier(rebuildSchemaName(projection.name))}.projection_checkpoints`;
}

/**
 * Creates the projection's fresh tables; answers the definitions of their secondary indexes, left
 * out until the replay is done: building an index once is cheaper than updating it row by row.
 * Unique indexes stay, the upserts of the replay need them.
 */
async function createRebuildTables(pool: Pool, projection: Projection): Promise<string[]> {
  const schema = quoteIdentifier(rebuildSchemaName(projection.name));
  return withConnection(pool, async (client) => {
    const deferred: string[] = [];
    await client.query('BEGIN');
    try {
      // A leftover schema is from a rebuild that died: the lock says no other rebuild is using it.
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.query(`CREATE SCHEMA ${schema}`);
      for (const table of Object.keys(projection.tables)) {
        await assertCopyable(client, projection.name, table);
        // Unlogged while the replay fills it (no write-ahead log per row and index entry); logged
        // again, in one pass, before it is swapped in.
        await client.query(`CREATE UNLOGGED TABLE ${schema}.${quoteIdentifier(table)} (LIKE public.${quoteIdentifier(table)} INCLUDING ALL)`);
        await keepIndexNames(client, rebuildSchemaName(projection.name), table);
        deferred.push(...(await dropSecondaryIndexes(client, `${schema}.${quoteIdentifier(table)}`)));
      }
      await client.query(`CREATE TABLE ${rebuildCheckpoints(projection)} (LIKE ${LIVE_CHECKPOINTS} INCLUDING ALL)`);
      await ensureCheckpoints(client, rebuildCheckpoints(projection), new Map([[projection.name, 0]]));
      await client.query('COMMIT');
      return deferred;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  });
}

/** Drops the table's indexes that enforce nothing; answers how to build each again. */
async function dropSecondaryIndexes(client: PoolClient, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT index.indexrelid::regclass::text AS name, pg_get_indexdef(index.indexrelid) AS definition
       FROM pg_index index
      WHERE index.indrelid = $1::regclass AND NOT index.indisunique AND NOT index.indisprimary AND NOT index.indisexclusion`,
    [table],
  );
  for (const { name } of rows) await client.query(`DROP INDEX ${name}`);
  return rows.map(({ definition }) => definition);
}

/** Builds the secondary indexes left out of a replay, each in one pass over the filled table. */
async function buildIndexes(pool: Pool, definitions: readonly string[]): Promise<void> {
  if (definitions.length === 0) return;
  await withConnection(pool, async (client) => {
    for (const definition of definitions) await client.query(definition);
  });
}

/** Writes the replayed tables to the write-ahead log, outside the swap: the live tables serve meanwhile. */
async function makeLogged(pool: Pool, projection: Projection): Promise<void> {
  const schema = quoteIdentifier(rebuildSchemaName(projection.name));
  await withConnection(pool, async (client) => {
    for (const table of Object.keys(projection.tables)) await client.query(`ALTER TABLE ${schema}.${quoteIdentifier(table)} SET LOGGED`);
  });
}

async function assertCopyable(client: PoolClient, projection: string, table: string): Promise<void> {
  const { rows: found } = await client.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [`public.${quoteIdentifier(table)}`]);
  if (!found[0].present) throw new Error(`Table public.${table} of projection ${projection} does not exist: migrate the database first.`);
  const { rows: serials } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_default LIKE 'nextval(%'`,
    [table],
  );
  if (serials.length > 0) {
    throw new Error(
      `Table public.${table} of projection ${projection} has a serial column "${serials[0].column_name}": its copy would share the sequence of the table it replaces. ` +
        'Use an identity column (GENERATED ALWAYS AS IDENTITY) or a key taken from the event.',
    );
  }
}

/**
 * `LIKE … INCLUDING ALL` names the copied indexes after their columns; migrations written later
 * refer to the original names, so the copies take them back.
 */
async function keepIndexNames(client: PoolClient, schema: string, table: string): Promise<void> {
  const { rows: pairs } = await client.query<{ original: string; copy: string }>(
    `SELECT original.relname AS original, copy.relname AS copy
       FROM pg_index oi
       JOIN pg_class original ON original.oid = oi.indexrelid
       JOIN pg_index ci ON ci.indrelid = $1::regclass
        AND ci.indkey::text = oi.indkey::text
        AND ci.indclass::text = oi.indclass::text
        AND ci.indoption::text = oi.indoption::text
        AND ci.indisunique = oi.indisunique
        AND ci.indisprimary = oi.indisprimary
        AND coalesce(pg_get_expr(ci.indexprs, ci.indrelid), '') = coalesce(pg_get_expr(oi.indexprs, oi.indrelid), '')
        AND coalesce(pg_get_expr(ci.indpred, ci.indrelid), '') = coalesce(pg_get_expr(oi.indpred, oi.indrelid), '')
       JOIN pg_class copy ON copy.oid = ci.indexrelid
      WHERE oi.indrelid = $2::regclass
      ORDER BY original.relname, copy.relname`,
    [`${quoteIdentifier(schema)}.${quoteIdentifier(table)}`, `public.${quoteIdentifier(table)}`],
  );
  const taken = new Set<string>();
  const renamed = new Set<string>();
  for (const { original, copy } of pairs) {
    if (renamed.has(original) || taken.has(copy)) continue;
    renamed.add(original);
    taken.add(copy);
    if (original !== copy) await client.query(`ALTER INDEX ${quoteIdentifier(schema)}.${quoteIdentifier(copy)} RENAME TO ${quoteIdentifier(original)}`);
  }
}

interface Replayed {
  /** Where the replay stopped: every projection's fresh tables hold the log up to here. */
  position: number;
  /** The furthest position read from the log, by the replay or a swap. */
  furthest: number;
  /** Events read from the log, each counted once however many swaps read it. */
  eventsReplayed: number;
  /** What each projection's rebuild wrote so far, for `get`s that need no query. */
  keys: Map<string, RebuildKeys>;
}

/** Replays batches of the log into every projection's fresh tables until the rest fits into one swap transaction. */
async function replay(options: RebuildOptions, lockLost: AbortSignal): Promise<Replayed> {
  const { pool, store, projections, batchSize } = options;
  const names = projections.map((projection) => projection.name);
  const keys = new Map(projections.map((projection) => [projection.name, new Map(Object.keys(projection.tables).map((table) => [table, new WrittenKeys(WRITTEN_KEYS_LIMIT)]))]));
  let position = 0;
  let eventsReplayed = 0;
  let headPosition = await store.headPosition();
  const report = () => options.onProgress?.({ projections: names, phase: 'replaying', position, headPosition, eventsReplayed });
  report();
  if (headPosition - position <= batchSize) return { position, furthest: position, eventsReplayed, keys };
  const subscription = store.subscribeToAll({ fromPosition: 0, batchSize });
  // Each projection applies the batches in order, on a chain of its own; the chains of one batch
  // run while the previous batch's statements finish, so the handlers and the database overlap.
  const chains = new Map(projections.map((projection) => [projection.name, Promise.resolve<unknown>(undefined)]));
  let previous: Promise<void> = Promise.resolve();
  try {
    for await (const batch of subscription) {
      if (lockLost.aborted) throw lostLockError(names);
      const end = batch[batch.length - 1].position;
      const applied = projections.map((projection) => {
        const target = { schema: rebuildSchemaName(projection.name), checkpointTable: rebuildCheckpoints(projection) };
        const next = chains.get(projection.name)!.then(() => applyProjectionBatch(pool, projection, target, eventsOf(projection, batch), end, keys.get(projection.name)));
        // A failure is answered by the batch's own wait below; the chain only carries it on.
        next.catch(() => undefined);
        chains.set(projection.name, next);
        return next;
      });
      const current = allOrFirstError(applied);
      // Awaited with the next batch, or below: a failure meanwhile is not an unhandled rejection.
      current.catch(() => undefined);
      try {
        await previous;
      } catch (error) {
        await current.catch(() => undefined);
        throw error;
      }
      previous = current;
      position = end;
      eventsReplayed += batch.length;
      headPosition = Math.max(headPosition, await store.headPosition());
      report();
      if (headPosition - position <= batchSize) break;
    }
    await previous;
  } finally {
    await subscription.stop();
  }
  return { position, furthest: position, eventsReplayed, keys };
}

/** Waits for every batch, so none still writes when a failure drops the rebuild's schemas. */
async function allOrFirstError(work: Array<Promise<unknown>>): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

function eventsOf(projection: Projection, batch: readonly RecordedEvent[]): RecordedEvent[] {
  return batch.filter((event) => handlesType(projection, event.type));
}

/**
 * Applies what the log gained since the replay to the fresh tables and swaps them in, in one
 * transaction holding the live checkpoint row: nothing the live tables hold can be past the head
 * read once the row is locked.
 */
async function swap(options: RebuildOptions, projection: Projection, replayed: Replayed): Promise<number> {
  const { pool, store, batchSize } = options;
  const schema = rebuildSchemaName(projection.name);
  const names = options.projections.map((each) => each.name);
  return withConnection(pool, async (client) => {
    await ensureCheckpoints(client, LIVE_CHECKPOINTS, new Map([[projection.name, 0]]));
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL search_path TO ${quoteIdentifier(schema)}, public`);
      await lockCheckpoint(client, LIVE_CHECKPOINTS, projection.name);
      const headPosition = await store.headPosition();
      let position = replayed.position;
      options.onProgress?.({ projections: names, phase: 'swapping', position, headPosition, eventsReplayed: replayed.eventsReplayed });
      const connection = { open: async () => client };
      while (position < headPosition) {
        const read = (await store.readAll({ fromPosition: position, maxCount: batchSize })).filter((event) => event.position <= headPosition);
        if (read.length === 0) break;
        await runHandlers(projection, eventsOf(projection, read), connection, schema, replayed.keys.get(projection.name));
        position = read[read.length - 1].position;
        replayed.eventsReplayed += read.filter((event) => event.position > replayed.furthest).length;
        replayed.furthest = Math.max(replayed.furthest, position);
      }
      for (const table of Object.keys(projection.tables)) {
        await client.query(`DROP TABLE public.${quoteIdentifier(table)}`);
        await client.query(`ALTER TABLE ${quoteIdentifier(schema)}.${quoteIdentifier(table)} SET SCHEMA public`);
      }
      await client.query(`UPDATE ${LIVE_CHECKPOINTS} SET position = $2, updated_at = now() WHERE name = $1`, [projection.name, position]);
      await client.query(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`);
      await client.query('COMMIT');
      return position;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  });
}
