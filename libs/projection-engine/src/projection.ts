import type { EntitySchema } from '@mikro-orm/core';
import type { Recorded, RecordedEvent } from '@glint/eventstore';
import type { ChangesOf, KeyOf, NumericColumnOf, OrderedColumnOf, ReadModelTable, RowOf } from './read-model-table';

/** What `set`, `add` and `max` may be told about a row the table may not hold yet. */
export interface BlindWriteOptions<T extends ReadModelTable> {
  /** The row to insert first when the key has none; the write then applies to it. */
  insertIfMissing?: RowOf<T>;
}

/**
 * One table of a projection as a handler sees it: writes are not statements but are folded per row
 * key in memory, in event order, and written when the batch ends with one multi-row statement per
 * kind of write, in the transaction that also stores the projection's checkpoint.
 *
 * - `insert`: a row of an append-only table (a log). Nothing in the batch may change it afterwards.
 * - `put`: the whole row, inserted or replacing the stored one; the row is known from then on.
 * - `set`/`add`/`max`: these columns of the row with this key, if there is one (or of
 *   `insertIfMissing`). On a known row they change it in memory; on a row the batch has not seen
 *   they accumulate (set: the last wins, add: summed, max: the greatest) and are written blind.
 * - `remove`: deletes the row, forgetting what the batch did to it; a `put` afterwards inserts again.
 * - `removeUpTo`: deletes the rows with these columns (not the key: a user's sessions) whose ordered
 *   column is at or before `upTo` (those expired by then). No barrier: the rows the batch holds go
 *   at once, the stored ones with one DELETE per batch before its other writes, the greatest bound
 *   per condition; a `get` meanwhile no longer finds them.
 * - `get`: the row as the batch has it now (the stored row, one SELECT, plus what the batch did to
 *   it), or undefined; the row is known from then on.
 * - `updateWhere`/`removeWhere`: by columns that are not the key (an account's deletion marks its
 *   rows everywhere). A barrier: the table's pending writes go out first, then this, at once.
 */
export interface TableWriter<T extends ReadModelTable> {
  insert(row: RowOf<T>): void;
  put(row: RowOf<T>): void;
  set(key: KeyOf<T>, changes: ChangesOf<T>, options?: BlindWriteOptions<T>): void;
  add(key: KeyOf<T>, column: NumericColumnOf<T>, delta: number, options?: BlindWriteOptions<T>): void;
  max(key: KeyOf<T>, column: OrderedColumnOf<T>, value: number | Date, options?: BlindWriteOptions<T>): void;
  remove(key: KeyOf<T>): void;
  removeUpTo(where: Partial<RowOf<T>>, column: OrderedColumnOf<T>, upTo: number | Date): void;
  get(key: KeyOf<T>): Promise<RowOf<T> | undefined>;
  updateWhere(where: Partial<RowOf<T>>, changes: ChangesOf<T>): Promise<void>;
  removeWhere(where: Partial<RowOf<T>>): Promise<void>;
}

export type ReadModelTables = Readonly<Record<string, ReadModelTable>>;
export type TableWriters<Tables extends ReadModelTables> = { readonly [Name in keyof Tables]: TableWriter<Tables[Name]> };

/**
 * The escape hatch, for a write the table writers cannot say (a delete by a range). Each call is a
 * barrier and a statement of its own: every pending write of the projection goes out first, and
 * what the batch knew of any row is forgotten. SQL with `$1`-style parameters; unqualified table
 * names, which a rebuild points at its own copies. Use it rarely: it costs the set-wise writes.
 */
export interface ProjectionSql {
  execute(text: string, params?: readonly unknown[]): Promise<Array<Record<string, unknown>>>;
}

type EventLike = { type: string; data: unknown };

export type ProjectionHandlerOf<E extends EventLike, Tables extends ReadModelTables> = (
  event: Recorded<E>,
  tables: TableWriters<Tables>,
  sql: ProjectionSql,
) => void | Promise<void>;

/** One handler per event type of the union, each taking that type's recorded event. */
export type ProjectionHandlers<E extends EventLike, Tables extends ReadModelTables> = {
  [Type in E['type']]?: ProjectionHandlerOf<Extract<E, { type: Type }>, Tables>;
};

export interface ProjectionDefinition<E extends EventLike, Tables extends ReadModelTables> {
  /**
   * Part of a PostgreSQL schema name during a rebuild (`glint_rebuild_<name>`) and of advisory-lock
   * keys: a short lower-case identifier.
   */
  name: string;
  /** Every table the handlers write, keyed by its name. A rebuild copies exactly these. */
  tables: Tables;
  /** Keyed by event type: the engine hands the projection exactly these types (plus all, with `allEvents`). */
  handlers?: ProjectionHandlers<E, Tables>;
  /** Runs for every event of the log, after the handler of its type: for read models that index the whole log. */
  allEvents?: (event: RecordedEvent, tables: TableWriters<Tables>, sql: ProjectionSql) => void | Promise<void>;
  /** The MikroORM entities the read functions of this read model query; handlers never use them. */
  entities?: readonly EntitySchema<any>[];
}

export type ProjectionHandler = (event: RecordedEvent<string, any>, tables: any, sql: ProjectionSql) => void | Promise<void>;

/** A projection as the engine runs it. */
export interface Projection {
  readonly name: string;
  readonly tables: ReadModelTables;
  readonly handlers: Readonly<Record<string, ProjectionHandler>>;
  readonly allEvents?: ProjectionHandler;
  readonly entities: readonly EntitySchema<any>[];
}

export type TypedProjection<Tables extends ReadModelTables> = Projection & { readonly tables: Tables };

const PROJECTION_NAME = /^[a-z][a-z0-9_]{0,48}$/;

/**
 * Defines a projection over the union `E` of the events it handles:
 *
 *   export const follows = defineProjection<ChannelFollowed | ChannelUnfollowed>()({
 *     name: 'follows',
 *     tables: { follows: followsTable, follow_counts: followCountsTable },
 *     handlers: {
 *       ChannelUnfollowed: ({ data }, tables) => {
 *         tables.follows.remove({ channel_id: data.channelId, follower_id: data.followerId });
 *         tables.follow_counts.add({ user_id: data.channelId }, 'followers', -1);
 *       },
 *     },
 *   });
 *
 * A handler key that is not a type of `E`, or a handler whose event is not its key's, fails to
 * compile. Handlers never commit, never touch a checkpoint and never call the outside world, so
 * replaying the log gives the same rows every time.
 */
export function defineProjection<E extends EventLike = never>() {
  return <const Tables extends ReadModelTables>(definition: ProjectionDefinition<E, Tables>): TypedProjection<Tables> => {
    const { name } = definition;
    if (!PROJECTION_NAME.test(name)) {
      throw new Error(`Projection name "${name}" is not usable: use lower-case letters, digits and underscores, starting with a letter, at most 49 characters.`);
    }
    const tables = Object.entries(definition.tables);
    if (tables.length === 0) throw new Error(`Projection "${name}" owns no table: list the read-model tables its handlers write in "tables".`);
    for (const [key, table] of tables) {
      if (key !== table.name) throw new Error(`Projection "${name}" lists table ${table.name} under "${key}": key each table by its own name.`);
    }
    const entities = definition.entities ?? [];
    for (const entity of entities) assertEntityInTables(name, entity, Object.keys(definition.tables));
    const handlers = { ...(definition.handlers ?? {}) } as Record<string, ProjectionHandler>;
    if (Object.keys(handlers).length === 0 && !definition.allEvents) {
      throw new Error(`Projection "${name}" handles no event: give it "handlers" keyed by event type, or "allEvents".`);
    }
    return Object.freeze({
      name,
      tables: Object.freeze({ ...definition.tables }),
      handlers: Object.freeze(handlers),
      allEvents: definition.allEvents as ProjectionHandler | undefined,
      entities: Object.freeze([...entities]),
    });
  };
}

/** Whether the projection is handed events of this type. */
export function handlesType(projection: Projection, type: string): boolean {
  // Own properties only: an event type such as "toString" must not reach Object.prototype.
  return projection.allEvents !== undefined || Object.hasOwn(projection.handlers, type);
}

/**
 * A rebuild copies the listed tables into a schema of its own; an entity with a schema of its own,
 * or on a table not listed, would read tables the projection does not keep.
 */
function assertEntityInTables(projection: string, entity: EntitySchema<any>, tables: string[]): void {
  const { className, schema, tableName } = entity.meta;
  if (schema) throw new Error(`Entity ${className} of projection "${projection}" names schema "${schema}": leave it unset, rebuilds write to copies of the tables.`);
  if (!tableName || !tables.includes(tableName)) {
    throw new Error(`Entity ${className} of projection "${projection}" must set a tableName listed in the projection's tables (${tables.join(', ')}).`);
  }
}
