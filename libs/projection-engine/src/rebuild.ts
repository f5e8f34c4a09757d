import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { EventStore } from '@glint/eventstore';
import type { Projection } from './projection';
import { LIVE_CHECKPOINTS, ensureCheckpoint, lockCheckpoint, writeCheckpoint } from './checkpoints';
import { applyBatch, applyEvents, assertAfter, inCheckpointedTransaction, useSchema } from './checkpointed-transaction';
import { quoteIdentifier } from './sql-identifier';
import { SessionLock } from './session-lock';
import type { ProjectionEngineLogger } from './logger';

export interface RebuildProgress {
  projection: string;
  /** `replaying` into the fresh tables while the old ones serve; `swapping` them in; `done`. */
  phase: 'replaying' | 'swapping' | 'done';
  /** Position of the last event applied to the fresh tables. */
  position: number;
  headPosition: number;
  /** Events read from the log so far, handled or passed by. */
  eventsReplayed: number;
}

export interface RebuildResult {
  projection: string;
  eventsReplayed: number;
  /** The live checkpoint after the swap: the fresh tables hold every event up to here. */
  position: number;
  durationMs: number;
}

export interface RebuildOptions {
  orm: MikroORM;
  store: EventStore;
  projection: Projection;
  databaseUrl: string;
  batchSize: number;
  logger: ProjectionEngineLogger;
  onProgress?: (progress: RebuildProgress) => void;
}

export function rebuildSchemaName(projection: string): string {
  return `glint_rebuild_${projection}`;
}

/**
 * Replays the whole log into fresh copies of the projection's tables in a schema of their own,
 * while the live tables keep serving, then swaps them in. The swap is one transaction that holds
 * the live checkpoint row lock: the live runner and inline catch-ups wait on that row, apply
 * nothing meanwhile, and afterwards find the checkpoint moved to where the fresh tables end.
 */
export async function rebuildProjection(options: RebuildOptions): Promise<RebuildResult> {
  const { orm, projection, databaseUrl } = options;
  const started = Date.now();
  const lock = new SessionLock(databaseUrl, `glint.projection-rebuild.${projection.name}`);
  try {
    if (!(await lock.tryAcquire())) {
      throw new Error(`A rebuild of ${projection.name} is already running; wait for it to finish.`);
    }
    const schema = rebuildSchemaName(projection.name);
    await createRebuildTables(orm, projection, schema);
    try {
      const replayed = await replay(options, schema, lock.lost);
      if (lock.lost.aborted) throw lostLockError(projection.name);
      const swapped = await swap(options, schema, replayed);
      const result = { projection: projection.name, ...swapped, durationMs: Date.now() - started };
      options.logger.log({ event: 'Projection.Rebuild.Swapped', ...result });
      return result;
    } catch (error) {
      await orm.em.fork().execute(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`, [], 'run').catch(() => undefined);
      throw error;
    }
  } finally {
    await lock.release();
  }
}

function lostLockError(projection: string): Error {
  return new Error(`The rebuild of ${projection} lost its database session; nothing was swapped, run it again.`);
}

async function createRebuildTables(orm: MikroORM, projection: Projection, schema: string): Promise<void> {
  await orm.em.fork().transactional(async (em) => {
    // A leftover schema is from a rebuild that died: the lock says no other rebuild is using it.
    await em.execute(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`, [], 'run');
    await em.execute(`CREATE SCHEMA ${quoteIdentifier(schema)}`, [], 'run');
    for (const table of projection.tables) {
      await assertCopyable(em, projection.name, table);
      await em.execute(`CREATE TABLE ${quoteIdentifier(schema)}.${quoteIdentifier(table)} (LIKE public.${quoteIdentifier(table)} INCLUDING ALL)`, [], 'run');
      await keepIndexNames(em, schema, table);
    }
    await em.execute(`CREATE TABLE ${quoteIdentifier(schema)}.projection_checkpoints (LIKE ${LIVE_CHECKPOINTS} INCLUDING ALL)`, [], 'run');
    await ensureCheckpoint(em, rebuildCheckpoints(schema), projection.name);
  });
}

function rebuildCheckpoints(schema: string): string {
  return `${quoteIdentifier(schema)}.projection_checkpoints`;
}

async function assertCopyable(em: EntityManager, projection: string, table: string): Promise<void> {
  const [found] = await em.execute<Array<{ present: boolean }>>(`SELECT to_regclass(?) IS NOT NULL AS present`, [`public.${quoteIdentifier(table)}`]);
  if (!found.present) throw new Error(`Table public.${table} of projection ${projection} does not exist: migrate the database first.`);
  const serials = await em.execute<Array<{ column_name: string }>>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? AND column_default LIKE 'nextval(%'`,
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
async function keepIndexNames(em: EntityManager, schema: string, table: string): Promise<void> {
  const pairs = await em.execute<Array<{ original: string; copy: string }>>(
    `SELECT original.relname AS original, copy.relname AS copy
       FROM pg_index oi
       JOIN pg_class original ON original.oid = oi.indexrelid
       JOIN pg_index ci ON ci.indrelid = ?::regclass
        AND ci.indkey::text = oi.indkey::text
        AND ci.indclass::text = oi.indclass::text
        AND ci.indoption::text = oi.indoption::text
        AND ci.indisunique = oi.indisunique
        AND ci.indisprimary = oi.indisprimary
        AND coalesce(pg_get_expr(ci.indexprs, ci.indrelid), '') = coalesce(pg_get_expr(oi.indexprs, oi.indrelid), '')
        AND coalesce(pg_get_expr(ci.indpred, ci.indrelid), '') = coalesce(pg_get_expr(oi.indpred, oi.indrelid), '')
       JOIN pg_class copy ON copy.oid = ci.indexrelid
      WHERE oi.indrelid = ?::regclass
      ORDER BY original.relname, copy.relname`,
    [`${quoteIdentifier(schema)}.${quoteIdentifier(table)}`, `public.${quoteIdentifier(table)}`],
  );
  const taken = new Set<string>();
  const renamed = new Set<string>();
  for (const { original, copy } of pairs) {
    if (renamed.has(original) || taken.has(copy)) continue;
    renamed.add(original);
    taken.add(copy);
    if (original !== copy) {
      await em.execute(`ALTER INDEX ${quoteIdentifier(schema)}.${quoteIdentifier(copy)} RENAME TO ${quoteIdentifier(original)}`, [], 'run');
    }
  }
}

interface Replayed {
  position: number;
  eventsReplayed: number;
}

/** Replays batches into the fresh tables until the rest fits into one swap transaction. */
async function replay(options: RebuildOptions, schema: string, lockLost: AbortSignal): Promise<Replayed> {
  const { orm, store, projection, batchSize } = options;
  const target = { checkpointTable: rebuildCheckpoints(schema), schema };
  let position = 0;
  let eventsReplayed = 0;
  let headPosition = await store.headPosition();
  const report = () => options.onProgress?.({ projection: projection.name, phase: 'replaying', position, headPosition, eventsReplayed });
  report();
  if (headPosition - position <= batchSize) return { position, eventsReplayed };
  const subscription = store.subscribeToAll({ fromPosition: 0, batchSize });
  try {
    for await (const batch of subscription) {
      if (lockLost.aborted) throw lostLockError(projection.name);
      const outcome = await applyBatch(orm, projection, target, batch, position);
      if (!outcome.applied) throw new Error(`The rebuild checkpoint of ${projection.name} moved under the rebuild; run it again.`);
      position = outcome.position;
      eventsReplayed += batch.length;
      headPosition = Math.max(headPosition, await store.headPosition());
      report();
      if (headPosition - position <= batchSize) break;
    }
  } finally {
    await subscription.stop();
  }
  return { position, eventsReplayed };
}

async function swap(options: RebuildOptions, schema: string, replayed: Replayed): Promise<Omit<RebuildResult, 'projection' | 'durationMs'>> {
  const { orm, store, projection, batchSize } = options;
  await ensureCheckpoint(orm.em.fork(), LIVE_CHECKPOINTS, projection.name);
  const swapped = await inCheckpointedTransaction(orm, projection, { checkpointTable: LIVE_CHECKPOINTS }, async (em) => {
    await useSchema(em, schema);
    let position = await lockCheckpoint(em, rebuildCheckpoints(schema), projection.name);
    let eventsReplayed = replayed.eventsReplayed;
    // Read after the live row is locked: nothing the live tables hold can be past this head.
    const headPosition = await store.headPosition();
    options.onProgress?.({ projection: projection.name, phase: 'swapping', position, headPosition, eventsReplayed });
    while (position < headPosition) {
      const events = (await store.readAll({ fromPosition: position, maxCount: batchSize })).filter((event) => event.position <= headPosition);
      if (events.length === 0) break;
      assertAfter(position, events);
      await applyEvents(em, projection, events);
      position = events[events.length - 1].position;
      eventsReplayed += events.length;
    }
    for (const table of projection.tables) {
      await em.execute(`DROP TABLE public.${quoteIdentifier(table)}`, [], 'run');
      await em.execute(`ALTER TABLE ${quoteIdentifier(schema)}.${quoteIdentifier(table)} SET SCHEMA public`, [], 'run');
    }
    await writeCheckpoint(em, LIVE_CHECKPOINTS, projection.name, position);
    await em.execute(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`, [], 'run');
    return { position, eventsReplayed, headPosition };
  });
  options.onProgress?.({ projection: projection.name, phase: 'done', ...swapped });
  return { position: swapped.position, eventsReplayed: swapped.eventsReplayed };
}
