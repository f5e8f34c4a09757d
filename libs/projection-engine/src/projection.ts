import type { EntitySchema } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RecordedEvent } from '@glint/eventstore';

/**
 * Applies one event to a read model through the EntityManager of the engine's transaction.
 * Entities created with `em.create` are flushed by the engine once per batch (an `em.find`
 * flushes first, so a handler sees what earlier events of the batch created); SQL run with
 * `em.execute` goes out at once. A handler never commits, never touches a checkpoint and never
 * calls the outside world, so replaying the log gives the same rows every time.
 */
export type ProjectionHandler = (
  event: RecordedEvent<string, any>,
  em: EntityManager,
) => Promise<NewRows[] | void> | NewRows[] | void;

/**
 * Rows a handler adds to an insert-only table, returned instead of created one by one: the engine
 * inserts them at the end of the batch, one statement per entity, which replays the log many
 * times faster than entities going through the unit of work. A handler of the same batch does not
 * see them, so use this only for rows nothing updates while the batch runs.
 */
export interface NewRows<Row extends object = any> {
  entity: EntitySchema<Row>;
  rows: Row[];
}

export interface ProjectionDefinition {
  /**
   * The read-model tables the projection owns, unqualified, as the migrations create them in
   * `public`. A rebuild copies exactly these, so every table a handler writes belongs here.
   */
  tables: string[];
  entities: EntitySchema<any>[];
  /** Handlers keyed by event type; other types pass by, and the checkpoint still moves past them. */
  handlers?: Record<string, ProjectionHandler>;
  /** Runs for every event, after the handler of its type: for read models that index the whole log. */
  allEvents?: ProjectionHandler;
}

export interface Projection {
  readonly name: string;
  readonly tables: readonly string[];
  readonly entities: readonly EntitySchema<any>[];
  readonly handlers: Readonly<Record<string, ProjectionHandler>>;
  readonly allEvents?: ProjectionHandler;
}

/**
 * The name becomes part of a PostgreSQL schema name during a rebuild (`glint_rebuild_<name>`, at
 * most 63 bytes) and of advisory-lock keys, so it stays a short lower-case identifier.
 */
const PROJECTION_NAME = /^[a-z][a-z0-9_]{0,48}$/;
const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function defineProjection(name: string, definition: ProjectionDefinition): Projection {
  if (!PROJECTION_NAME.test(name)) {
    throw new Error(`Projection name "${name}" is not usable: use lower-case letters, digits and underscores, starting with a letter, at most 49 characters.`);
  }
  if (definition.tables.length === 0) throw new Error(`Projection "${name}" owns no table: list the read-model tables its handlers write in "tables".`);
  for (const table of definition.tables) {
    if (!TABLE_NAME.test(table)) throw new Error(`Projection "${name}" lists table "${table}": name it with lower-case letters, digits and underscores, unqualified.`);
  }
  for (const entity of definition.entities) assertEntityInTables(name, entity, definition.tables);
  const handlers = { ...(definition.handlers ?? {}) };
  if (Object.keys(handlers).length === 0 && !definition.allEvents) {
    throw new Error(`Projection "${name}" handles no event: give it "handlers" keyed by event type, or "allEvents".`);
  }
  return Object.freeze({
    name,
    tables: Object.freeze([...definition.tables]),
    entities: Object.freeze([...definition.entities]),
    handlers: Object.freeze(handlers),
    allEvents: definition.allEvents,
  });
}

/**
 * A rebuild copies the listed tables and redirects unqualified table names to the copies; an
 * entity with a schema of its own, or on a table not listed, would write to the live tables.
 */
function assertEntityInTables(projection: string, entity: EntitySchema<any>, tables: string[]): void {
  const { className, schema, tableName } = entity.meta;
  if (schema) throw new Error(`Entity ${className} of projection "${projection}" names schema "${schema}": leave it unset, rebuilds write to copies of the tables.`);
  if (!tableName || !tables.includes(tableName)) {
    throw new Error(`Entity ${className} of projection "${projection}" must set a tableName listed in the projection's tables (${tables.join(', ')}).`);
  }
}

/**
 * Runs the projection's handlers for one event; events it does not handle are no-ops. Returned
 * rows are added to `pending`, to be inserted when the batch ends.
 */
export async function applyEvent(projection: Projection, event: RecordedEvent, em: EntityManager, pending: PendingRows): Promise<void> {
  // Own properties only: an event type such as "toString" must not reach Object.prototype.
  if (Object.hasOwn(projection.handlers, event.type)) pending.add(await projection.handlers[event.type](event, em));
  if (projection.allEvents) pending.add(await projection.allEvents(event, em));
}

/** Rows handlers returned during a batch, per entity, in the order they came. */
export class PendingRows {
  private readonly byEntity = new Map<EntitySchema<any>, object[]>();

  add(returned: NewRows[] | void): void {
    if (!returned) return;
    for (const { entity, rows } of returned) {
      const list = this.byEntity.get(entity);
      if (list) list.push(...rows);
      else this.byEntity.set(entity, [...rows]);
    }
  }

  async insert(em: EntityManager): Promise<void> {
    for (const [entity, rows] of this.byEntity) {
      if (rows.length > 0) await em.insertMany(entity, rows);
    }
    this.byEntity.clear();
  }
}
