/**
 * The PostgreSQL types a read-model column may have, and the JavaScript value each reads and
 * writes as: `bigint` is a number (positions and counts stay far below 2^53), `timestamptz` a Date,
 * `jsonb` any JSON value, `text[]` a list of strings.
 */
export type ColumnKind = 'uuid' | 'text' | 'integer' | 'bigint' | 'double precision' | 'boolean' | 'timestamptz' | 'jsonb' | 'text[]';

type ValueOfKind<Kind extends ColumnKind> = Kind extends 'uuid' | 'text'
  ? string
  : Kind extends 'integer' | 'bigint' | 'double precision'
    ? number
    : Kind extends 'boolean'
      ? boolean
      : Kind extends 'timestamptz'
        ? Date
        : Kind extends 'text[]'
          ? string[]
          : unknown;

/** A column whose value type is not the plain one of its kind: nullable, or `jsonb` of a known shape. */
export interface ColumnType<Kind extends ColumnKind = ColumnKind, Value = unknown> {
  readonly kind: Kind;
  readonly nullable: boolean;
  /** Never set: carries the value type for `RowOf`. */
  readonly value?: Value;
}

export type Column = ColumnKind | ColumnType;

type KindOf<C extends Column> = C extends ColumnKind ? C : C extends ColumnType<infer Kind> ? Kind : never;
export type ColumnValue<C extends Column> = C extends ColumnKind ? ValueOfKind<C> : C extends ColumnType<ColumnKind, infer Value> ? Value : never;

/** A column that may hold NULL, as its migration declares it (no NOT NULL). */
export function nullable<C extends Column>(column: C): ColumnType<KindOf<C>, ColumnValue<C> | null> {
  return { kind: (typeof column === 'string' ? column : column.kind) as KindOf<C>, nullable: true };
}

/** A `jsonb` column holding values of type `T` (plain `'jsonb'` reads as `unknown`). */
export function jsonb<T>(): ColumnType<'jsonb', T> {
  return { kind: 'jsonb', nullable: false };
}

export type Columns = Readonly<Record<string, Column>>;

/** A read-model table as its migration created it: its columns and its primary key. */
export interface ReadModelTable<Name extends string = string, Cols extends Columns = Columns, Key extends keyof Cols & string = keyof Cols & string> {
  readonly name: Name;
  readonly key: readonly Key[];
  readonly columns: Cols;
}

/** The row of a table: what a handler writes and a query reads, one property per column. */
export type RowOf<T extends ReadModelTable> = { -readonly [C in keyof T['columns']]: ColumnValue<T['columns'][C]> };
/** The primary key's columns of a row. */
export type KeyOf<T extends ReadModelTable> = Pick<RowOf<T>, T['key'][number]>;
/** The columns a write may change: every column but the key's. */
export type ChangesOf<T extends ReadModelTable> = Partial<Omit<RowOf<T>, T['key'][number]>>;
/** Columns holding numbers, which `add` counts in. */
export type NumericColumnOf<T extends ReadModelTable> = {
  [C in Exclude<keyof T['columns'] & string, T['key'][number]>]: KindOf<T['columns'][C]> extends 'integer' | 'bigint' | 'double precision' ? C : never;
}[Exclude<keyof T['columns'] & string, T['key'][number]>];
/** Columns with an order `max` keeps the greatest of: numbers and times. */
export type OrderedColumnOf<T extends ReadModelTable> = {
  [C in Exclude<keyof T['columns'] & string, T['key'][number]>]: KindOf<T['columns'][C]> extends 'integer' | 'bigint' | 'double precision' | 'timestamptz' ? C : never;
}[Exclude<keyof T['columns'] & string, T['key'][number]>];

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Declares a read-model table: its name, unqualified (a rebuild writes the same declaration into a
 * schema of its own), its primary key, and every column with the type its migration gives it.
 *
 *   export const followCountsTable = readModelTable('follow_counts', {
 *     key: ['user_id'],
 *     columns: { user_id: 'text', followers: 'integer', following: 'integer' },
 *   });
 *   export type FollowCountsTableRow = RowOf<typeof followCountsTable>;
 */
export function readModelTable<const Name extends string, const Cols extends Columns, const Key extends keyof Cols & string>(
  name: Name,
  definition: { key: readonly Key[]; columns: Cols },
): ReadModelTable<Name, Cols, Key> {
  if (!IDENTIFIER.test(name)) throw new Error(`Table name "${name}" is not usable: use lower-case letters, digits and underscores, unqualified.`);
  const columns = Object.keys(definition.columns);
  if (columns.length === 0) throw new Error(`Table ${name} declares no column.`);
  for (const column of columns) {
    if (!IDENTIFIER.test(column)) throw new Error(`Table ${name} declares column "${column}": name it with lower-case letters, digits and underscores.`);
  }
  if (definition.key.length === 0) throw new Error(`Table ${name} declares no key: give the columns of its primary key.`);
  for (const column of definition.key) {
    if (!Object.hasOwn(definition.columns, column)) throw new Error(`Table ${name} has key column "${column}" that is not among its columns.`);
    if (columnInfo(definition.columns[column]).nullable) throw new Error(`Table ${name} has key column "${column}" declared nullable; a primary key is never NULL.`);
  }
  return Object.freeze({ name, key: Object.freeze([...definition.key]), columns: Object.freeze({ ...definition.columns }) });
}

export function columnInfo(column: Column): { kind: ColumnKind; nullable: boolean } {
  return typeof column === 'string' ? { kind: column, nullable: false } : { kind: column.kind, nullable: column.nullable };
}
