import type { Pool } from 'pg';
import type { RecordedEvent } from '@glint/eventstore';
import { handlesType, type Projection } from './projection';
import { applyProjectionBatch, LIVE_TABLES, type BatchOutcome } from './projection-batch';
import { LIVE_CHECKPOINTS, storeCheckpoints, withConnection } from './checkpoints';

/**
 * Something that acts on the log for now rather than keeping a read model: the live relay, the
 * go-live reactor. The engine hands it the events of its types from the process's one reader, with
 * one instance active across all processes (an advisory lock) and a checkpoint row of its own. It
 * is at least once: a crash between acting and storing the checkpoint hands those events over again,
 * so `react` must tolerate a repeat (frames carry their event's id, jobs are keyed by it). The first
 * time it ever runs it starts at the head of the log: the log's past is not for now.
 */
export interface LogReactor {
  /** Its checkpoint row's name, and how `lag()` and `/health` show it. */
  readonly name: string;
  /** Hashed into the advisory lock key; every process that runs it uses the same name. */
  readonly lockName: string;
  /** A table of `(name, position, updated_at)` rows. */
  readonly checkpointTable: string;
  /** The event types it acts on; `all` for every event. */
  readonly eventTypes: readonly string[] | 'all';
  /**
   * True for a reactor whose repeats cost nothing (live frames clients drop by event id): its
   * position is stored lazily, as a projection's that had nothing to apply (every few seconds and at
   * stop), not with each batch it acts on; a crash repeats what it did since.
   */
  readonly storesLazily?: boolean;
  /** Acts on the batch's events of its types; false when it did nothing, so nothing needs storing. */
  react(events: readonly RecordedEvent[]): Promise<boolean>;
}

/** What the engine runs from its reader: a projection or a reactor. */
export interface Consumer {
  readonly name: string;
  readonly lockName: string;
  readonly checkpointTable: string;
  /** Where it starts the first time: the log's beginning (a read model) or its head (a reactor). */
  readonly startsAtHead: boolean;
  readonly projection?: Projection;
  handles(type: string): boolean;
  /** Applies events of its types after its position, from a batch that ends at `endPosition`. */
  apply(events: readonly RecordedEvent[], endPosition: number): Promise<BatchOutcome>;
}

export function projectionLockName(projection: string): string {
  return `glint.projection.${projection}`;
}

export function projectionConsumer(pool: Pool, projection: Projection): Consumer {
  return {
    name: projection.name,
    lockName: projectionLockName(projection.name),
    checkpointTable: LIVE_CHECKPOINTS,
    startsAtHead: false,
    projection,
    handles: (type) => handlesType(projection, type),
    apply: (events, endPosition) => applyProjectionBatch(pool, projection, { schema: LIVE_TABLES, checkpointTable: LIVE_CHECKPOINTS }, events, endPosition),
  };
}

export function reactorConsumer(pool: Pool, reactor: LogReactor): Consumer {
  const types = reactor.eventTypes === 'all' ? null : new Set(reactor.eventTypes);
  return {
    name: reactor.name,
    lockName: reactor.lockName,
    checkpointTable: reactor.checkpointTable,
    startsAtHead: true,
    handles: (type) => types === null || types.has(type),
    apply: async (events, endPosition) => {
      if (!(await reactor.react(events)) || reactor.storesLazily) return { applied: false, position: endPosition };
      await withConnection(pool, (client) => storeCheckpoints(client, reactor.checkpointTable, new Map([[reactor.name, endPosition]])));
      return { applied: true, position: endPosition };
    },
  };
}
