import type { PoolClient } from 'pg';
import type { BlindWriteOptions } from './projection';
import { columnInfo, type ColumnKind, type ReadModelTable } from './read-model-table';
import { runPrepared } from './sql-pool';
import { quoteIdentifier } from './sql-identifier';

type Row = Record<string, unknown>;

/** The transaction a batch writes in, opened by its first statement. */
export interface BatchConnection {
  open(): Promise<PoolClient>;
}

/**
 * The keys a rebuild has written to a table so far: a `get` of any other key finds nothing without
 * asking the database (the table started empty). Past `limit` keys the set is dropped and `get`
 * asks again, so memory stays bounded on tables of millions of rows.
 */
export class WrittenKeys {
  private keys: Set<string> | null = new Set();

  constructor(private readonly limit: number) {}

  /** True when the table certainly holds no row with this key. */
  neverWritten(key: string): boolean {
    return this.keys !== null && !this.keys.has(key);
  }

  add(key: string): void {
    if (this.keys === null) return;
    this.keys.add(key);
    if (this.keys.size > this.limit) this.keys = null;
  }

  /** Rows were written that this set did not see (SQL of a handler's own). */
  forget(): void {
    this.keys = null;
  }
}

type Op = { kind: 'set'; value: unknown } | { kind: 'add'; value: number } | { kind: 'max'; value: unknown };

/** What the batch knows of one key. */
type Pending =
  /** The whole row as it stands after the batch so far; `dirty` when it must be written. */
  | { state: 'known'; row: Row; dirty: boolean }
  /** No row; `removed` when a stored one must be deleted. */
  | { state: 'absent'; removed: boolean }
  /** Column writes to a row the batch has not seen, and the row to insert first if it is missing. */
  | { state: 'blind'; ops: Map<string, Op>; insertIfMissing: Row | undefined };

/** What `removeUpTo` keeps until the batch is written: the condition and the greatest bound given. */
interface Bound {
  where: Row;
  /** The condition's columns, sorted. */
  columns: string[];
  column: string;
  upTo: unknown;
}

const OP_CODE = { set: 1, add: 2, max: 3 } as const;
const ARRAY_TYPE: Record<ColumnKind, string> = {
  uuid: 'uuid[]',
  text: 'text[]',
  integer: 'int4[]',
  bigint: 'int8[]',
  'double precision': 'float8[]',
  boolean: 'bool[]',
  timestamptz: 'timestamptz[]',
  // Both travel as text, one element per row: an array of arrays would be flattened by unnest.
  jsonb: 'text[]',
  'text[]': 'text[]',
};
const CAST: Partial<Record<ColumnKind, string>> = { jsonb: '::jsonb', 'text[]': '::text[]' };

/**
 * The batch writer of one table (see `TableWriter`): folds writes per key in memory and flushes
 * them as multi-row statements over `unnest` of typed arrays, in this order: deletes, appended
 * rows, whole rows (upserts), missing rows of blind writes, blind writes. A key is in one of those
 * at a time, so the order only matters for unique indexes on other columns (a stream that ends and
 * another of the same channel that starts in one batch).
 */
export class BatchTableWriter {
  private readonly pending = new Map<string, Pending>();
  private inserts: Row[] = [];
  /** Bounds of `removeUpTo`, one per condition and column, the greatest kept. */
  private readonly bounds = new Map<string, Bound>();
  private readonly qualified: string;
  private readonly columns: string[];
  private readonly kinds: Map<string, ColumnKind>;

  constructor(
    readonly table: ReadModelTable,
    schema: string,
    private readonly connection: BatchConnection,
    private readonly written: WrittenKeys | null,
  ) {
    this.qualified = `${quoteIdentifier(schema)}.${quoteIdentifier(table.name)}`;
    this.columns = Object.keys(table.columns);
    this.kinds = new Map(this.columns.map((column) => [column, columnInfo(table.columns[column]).kind]));
  }

  insert(row: Row): void {
    this.inserts.push(this.completeRow(row));
    // Appended rows are many and never read back in a batch: a rebuild stops remembering keys
    // rather than keep one per row, and a later `get` asks the database.
    this.written?.forget();
  }

  put(row: Row): void {
    const key = this.keyOf(row);
    this.pending.set(key, { state: 'known', row: this.completeRow(row), dirty: true });
    this.written?.add(key);
  }

  set(key: Row, changes: Row, options: BlindWriteOptions<ReadModelTable> = {}): void {
    for (const column of Object.keys(changes)) this.assertChangeable(column);
    this.write(key, options, Object.entries(changes).map(([column, value]) => [column, { kind: 'set', value }]));
  }

  add(key: Row, column: string, delta: number, options: BlindWriteOptions<ReadModelTable> = {}): void {
    this.assertChangeable(column);
    this.write(key, options, [[column, { kind: 'add', value: delta }]]);
  }

  max(key: Row, column: string, value: number | Date, options: BlindWriteOptions<ReadModelTable> = {}): void {
    this.assertChangeable(column);
    this.write(key, options, [[column, { kind: 'max', value }]]);
  }

  remove(key: Row): void {
    this.pending.set(this.keyOf(key), { state: 'absent', removed: true });
  }

  removeUpTo(where: Row, column: string, upTo: number | Date): void {
    const kind = this.kind(column);
    if (kind !== 'integer' && kind !== 'bigint' && kind !== 'double precision' && kind !== 'timestamptz') throw new Error(`Column "${column}" of ${this.table.name} holds no numbers or times to remove rows up to.`);
    const columns = Object.keys(where).sort();
    if (columns.length === 0) throw new Error(`A removal from every row of ${this.table.name} needs at least one column in its condition.`);
    for (const each of columns) {
      this.kind(each);
      if (where[each] === null || where[each] === undefined) throw new Error(`A removal from ${this.table.name} by "${each}" needs a value for it, not ${String(where[each])}.`);
    }
    const id = JSON.stringify([column, ...columns.map((each) => [each, this.param(each, where[each])])]);
    const before = this.bounds.get(id);
    this.bounds.set(id, { where: { ...where }, columns, column, upTo: before ? greatest(before.upTo, upTo) : upTo });
    // The rows the batch holds go now, as they would have at this event; the stored ones when it is written.
    const bound = this.bounds.get(id)!;
    for (const [key, entry] of this.pending) {
      if (entry.state === 'known' && this.withinBound(entry.row, bound)) this.pending.set(key, { state: 'absent', removed: true });
      // Written after the removals, the row to insert if missing would outlive them.
      if (entry.state === 'blind' && entry.insertIfMissing && this.withinBound(applyOps({ ...entry.insertIfMissing }, entry.ops), bound)) {
        throw new Error(`A removal from ${this.table.name} covers a row written blind earlier in the batch with a row to insert if missing: get the row before writing it.`);
      }
    }
    this.inserts = this.inserts.filter((row) => !this.withinBound(row, bound));
  }

  async get(key: Row): Promise<Row | undefined> {
    const id = this.keyOf(key);
    const entry = this.pending.get(id);
    if (entry?.state === 'known') return { ...entry.row };
    if (entry?.state === 'absent') return undefined;
    const loaded = this.written?.neverWritten(id) ? undefined : await this.load(key);
    // A stored row a `removeUpTo` of the batch covers is as good as gone.
    const stored = loaded && [...this.bounds.values()].some((bound) => this.withinBound(loaded, bound)) ? undefined : loaded;
    let known: Pending;
    if (entry?.state === 'blind') {
      const base = stored ?? entry.insertIfMissing;
      known = base === undefined ? { state: 'absent', removed: false } : { state: 'known', row: applyOps({ ...base }, entry.ops), dirty: true };
    } else {
      known = stored === undefined ? { state: 'absent', removed: false } : { state: 'known', row: stored, dirty: false };
    }
    this.pending.set(id, known);
    return known.state === 'known' ? { ...known.row } : undefined;
  }

  async updateWhere(where: Row, changes: Row): Promise<void> {
    for (const column of Object.keys(changes)) this.assertChangeable(column);
    const assignments = Object.keys(changes);
    if (assignments.length === 0) return;
    await this.flush();
    const values: unknown[] = assignments.map((column) => this.param(column, changes[column]));
    const set = assignments.map((column, index) => `${quoteIdentifier(column)} = $${index + 1}${CAST[this.kind(column)] ?? ''}`);
    const { clause, values: whereValues } = this.whereClause(where, values.length);
    await runPrepared(await this.connection.open(), `UPDATE ${this.qualified} SET ${set.join(', ')} WHERE ${clause}`, [...values, ...whereValues]);
    this.pending.clear();
  }

  async removeWhere(where: Row): Promise<void> {
    await this.flush();
    const { clause, values } = this.whereClause(where, 0);
    await runPrepared(await this.connection.open(), `DELETE FROM ${this.qualified} WHERE ${clause}`, values);
    this.pending.clear();
  }

  /** Writes what the batch holds for this table, and forgets it. */
  async flush(): Promise<void> {
    const deletes: Row[] = [];
    const upserts: Row[] = [];
    const blind: Array<{ key: Row; ops: Map<string, Op>; insertIfMissing: Row | undefined }> = [];
    for (const [id, entry] of this.pending) {
      if (entry.state === 'absent' && entry.removed) deletes.push(this.keyValues(id));
      else if (entry.state === 'known' && entry.dirty) upserts.push(entry.row);
      else if (entry.state === 'blind') blind.push({ key: this.keyValues(id), ops: entry.ops, insertIfMissing: entry.insertIfMissing });
    }
    const inserts = this.inserts;
    const bounds = [...this.bounds.values()];
    this.pending.clear();
    this.inserts = [];
    this.bounds.clear();
    if (deletes.length + inserts.length + upserts.length + blind.length + bounds.length === 0) return;
    const client = await this.connection.open();
    // First: every row written afterwards was written after the removals, as its event came after theirs.
    if (bounds.length > 0) await this.deleteUpTo(client, bounds);
    if (deletes.length > 0) await this.deleteKeys(client, deletes);
    if (inserts.length > 0) await this.insertRows(client, inserts, 'error');
    if (upserts.length > 0) await this.insertRows(client, upserts, 'replace');
    const missing = blind.flatMap((write) => (write.insertIfMissing ? [write.insertIfMissing] : []));
    if (missing.length > 0) await this.insertRows(client, missing, 'keep');
    if (blind.length > 0) await this.updateBlind(client, blind);
  }

  private write(key: Row, options: BlindWriteOptions<ReadModelTable>, ops: Array<[string, Op]>): void {
    const id = this.keyOf(key);
    const entry = this.pending.get(id);
    const insertIfMissing = options.insertIfMissing ? this.completeRow(options.insertIfMissing) : undefined;
    if (insertIfMissing && this.keyOf(insertIfMissing) !== id) throw new Error(`The row to insert into ${this.table.name} if missing has another key than the one written.`);
    if (insertIfMissing) this.written?.add(id);
    if (entry?.state === 'known') {
      applyOps(entry.row, new Map(ops));
      entry.dirty = true;
    } else if (entry?.state === 'absent') {
      if (insertIfMissing) this.pending.set(id, { state: 'known', row: applyOps({ ...insertIfMissing }, new Map(ops)), dirty: true });
    } else if (entry?.state === 'blind') {
      for (const [column, op] of ops) entry.ops.set(column, foldOp(this.table.name, column, entry.ops.get(column), op));
      entry.insertIfMissing ??= insertIfMissing;
    } else if (!insertIfMissing && this.written?.neverWritten(id)) {
      // A rebuild that never wrote this key has no row for these columns to change.
      return;
    } else {
      this.pending.set(id, { state: 'blind', ops: new Map(ops), insertIfMissing });
    }
  }

  private async load(key: Row): Promise<Row | undefined> {
    const { clause, values } = this.whereClause(key, 0);
    const rows = await runPrepared(await this.connection.open(), `SELECT ${this.columns.map(quoteIdentifier).join(', ')} FROM ${this.qualified} WHERE ${clause}`, values);
    return rows[0];
  }

  /** One DELETE per condition's columns and bounded column, for every `removeUpTo` of the batch. */
  private async deleteUpTo(client: PoolClient, bounds: Bound[]): Promise<void> {
    const groups = new Map<string, Bound[]>();
    for (const bound of bounds) {
      const shape = JSON.stringify([bound.column, bound.columns]);
      groups.set(shape, [...(groups.get(shape) ?? []), bound]);
    }
    for (const group of groups.values()) {
      const { columns, column } = group[0];
      const types = [...columns, column].map((each) => `${ARRAY_TYPE[this.kind(each)]}`);
      const aliases = [...columns.map((_, index) => `w${index}`), 'upto'];
      const text =
        `DELETE FROM ${this.qualified} AS t USING unnest(${types.map((type, index) => `$${index + 1}::${type}`).join(', ')}) AS u(${aliases.join(', ')}) ` +
        `WHERE ${columns.map((each, index) => `t.${quoteIdentifier(each)} = u.w${index}`).join(' AND ')} AND t.${quoteIdentifier(column)} <= u.upto`;
      const values = [...columns.map((each) => this.column(each, group.map((bound) => bound.where[each]))), this.column(column, group.map((bound) => bound.upTo))];
      await runPrepared(client, text, values);
    }
  }

  private withinBound(row: Row, bound: Bound): boolean {
    const value = row[bound.column];
    if (value === null || value === undefined) return false;
    return bound.columns.every((each) => this.param(each, row[each]) === this.param(each, bound.where[each])) && ordered(value) <= ordered(bound.upTo);
  }

  private async deleteKeys(client: PoolClient, keys: Row[]): Promise<void> {
    const key = this.table.key;
    const unnest = `unnest(${key.map((column, index) => `$${index + 1}::${ARRAY_TYPE[this.kind(column)]}`).join(', ')})`;
    const target = key.length === 1 ? quoteIdentifier(key[0]) : `(${key.map(quoteIdentifier).join(', ')})`;
    const select = key.length === 1 ? `SELECT ${unnest}` : `SELECT * FROM ${unnest}`;
    await runPrepared(client, `DELETE FROM ${this.qualified} WHERE ${target} IN (${select})`, key.map((column) => this.column(column, keys.map((row) => row[column]))));
  }

  /** `error` on a stored key (appended rows are new), `replace` the stored row, or `keep` it. */
  private async insertRows(client: PoolClient, rows: Row[], onConflict: 'error' | 'replace' | 'keep'): Promise<void> {
    const columns = this.columns;
    const others = columns.filter((column) => !this.table.key.includes(column));
    const conflict =
      onConflict === 'error'
        ? ''
        : ` ON CONFLICT (${this.table.key.map(quoteIdentifier).join(', ')}) DO ` +
          (onConflict === 'keep' || others.length === 0 ? 'NOTHING' : `UPDATE SET ${others.map((column) => `${quoteIdentifier(column)} = excluded.${quoteIdentifier(column)}`).join(', ')}`);
    const text =
      `INSERT INTO ${this.qualified} (${columns.map(quoteIdentifier).join(', ')}) ` +
      `SELECT ${columns.map((column, index) => `u.c${index}${CAST[this.kind(column)] ?? ''}`).join(', ')} ` +
      `FROM unnest(${columns.map((column, index) => `$${index + 1}::${ARRAY_TYPE[this.kind(column)]}`).join(', ')}) AS u(${columns.map((_, index) => `c${index}`).join(', ')})${conflict}`;
    await runPrepared(client, text, columns.map((column) => this.column(column, rows.map((row) => row[column]))));
  }

  /**
   * One UPDATE for every blind write of the batch: per column touched, an operation code per row
   * (0 leaves the column as it is) and a value, so rows that touch different columns share it.
   */
  private async updateBlind(client: PoolClient, writes: Array<{ key: Row; ops: Map<string, Op> }>): Promise<void> {
    const touched = this.columns.filter((column) => writes.some((write) => write.ops.has(column)));
    const key = this.table.key;
    const aliases: string[] = [];
    const types: string[] = [];
    const values: string[] = [];
    key.forEach((column, index) => {
      aliases.push(`k${index}`);
      types.push(ARRAY_TYPE[this.kind(column)]);
      values.push(this.column(column, writes.map((write) => write.key[column])));
    });
    const assignments = touched.map((column, index) => {
      aliases.push(`o${index}`, `v${index}`);
      types.push('int2[]', ARRAY_TYPE[this.kind(column)]);
      values.push(
        arrayLiteral(writes.map((write) => (write.ops.has(column) ? OP_CODE[write.ops.get(column)!.kind] : 0))),
        this.column(column, writes.map((write) => (write.ops.has(column) ? write.ops.get(column)!.value : null))),
      );
      const name = quoteIdentifier(column);
      const value = `u.v${index}${CAST[this.kind(column)] ?? ''}`;
      const kind = this.kind(column);
      const branches = [`WHEN 1 THEN ${value}`];
      if (kind === 'integer' || kind === 'bigint' || kind === 'double precision') branches.push(`WHEN 2 THEN t.${name} + ${value}`);
      if (kind === 'integer' || kind === 'bigint' || kind === 'double precision' || kind === 'timestamptz') branches.push(`WHEN 3 THEN GREATEST(t.${name}, ${value})`);
      return `${name} = CASE u.o${index} ${branches.join(' ')} ELSE t.${name} END`;
    });
    const text =
      `UPDATE ${this.qualified} AS t SET ${assignments.join(', ')} ` +
      `FROM unnest(${types.map((type, index) => `$${index + 1}::${type}`).join(', ')}) AS u(${aliases.join(', ')}) ` +
      `WHERE ${key.map((column, index) => `t.${quoteIdentifier(column)} = u.k${index}`).join(' AND ')}`;
    await runPrepared(client, text, values);
  }

  private whereClause(where: Row, offset: number): { clause: string; values: unknown[] } {
    const columns = Object.keys(where);
    if (columns.length === 0) throw new Error(`A write to every row of ${this.table.name} needs at least one column in its condition.`);
    const values: unknown[] = [];
    const clause = columns.map((column) => {
      this.kind(column);
      if (where[column] === null) return `${quoteIdentifier(column)} IS NULL`;
      values.push(this.param(column, where[column]));
      return `${quoteIdentifier(column)} = $${offset + values.length}${CAST[this.kind(column)] ?? ''}`;
    });
    return { clause: clause.join(' AND '), values };
  }

  /** A row with every declared column: a column left out would be written as NULL unnoticed. */
  private completeRow(row: Row): Row {
    for (const column of this.columns) {
      if (!Object.hasOwn(row, column) || row[column] === undefined) throw new Error(`A row of ${this.table.name} lacks column "${column}".`);
    }
    for (const column of Object.keys(row)) this.kind(column);
    return { ...row };
  }

  private assertChangeable(column: string): void {
    this.kind(column);
    if (this.table.key.includes(column)) throw new Error(`Column "${column}" is part of the key of ${this.table.name}: put the row with its new key instead.`);
  }

  private kind(column: string): ColumnKind {
    const kind = this.kinds.get(column);
    if (!kind) throw new Error(`Table ${this.table.name} has no column "${column}" declared.`);
    return kind;
  }

  /** A value as it travels: JSON and lists as text, times as ISO-8601. */
  private param(column: string, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    const kind = this.kind(column);
    if (kind === 'jsonb') return JSON.stringify(value);
    if (kind === 'text[]') return arrayLiteral(value as string[]);
    if (value instanceof Date) return value.toISOString();
    return value;
  }

  /** One column's values for `unnest`, as the text of a PostgreSQL array. */
  private column(column: string, values: unknown[]): string {
    return arrayLiteral(values.map((value) => this.param(column, value)));
  }

  private keyOf(row: Row): string {
    const { key } = this.table;
    for (const column of key) {
      if (row[column] === undefined || row[column] === null) throw new Error(`A key of ${this.table.name} lacks column "${column}".`);
    }
    return key.length === 1 ? String(row[key[0]]) : JSON.stringify(key.map((column) => row[column]));
  }

  private keyValues(id: string): Row {
    const { key } = this.table;
    const values = key.length === 1 ? [id] : (JSON.parse(id) as unknown[]);
    return Object.fromEntries(key.map((column, index) => [column, values[index]]));
  }
}

function applyOps(row: Row, ops: Map<string, Op>): Row {
  for (const [column, op] of ops) {
    if (op.kind === 'set') row[column] = op.value;
    else if (op.kind === 'add') row[column] = (row[column] as number) + op.value;
    else row[column] = greatest(row[column], op.value);
  }
  return row;
}

/** Two blind writes to one column, as one: set then add is a set of the sum; add and max do not mix. */
function foldOp(table: string, column: string, before: Op | undefined, next: Op): Op {
  if (!before || next.kind === 'set') return next;
  if (before.kind === 'set') return { kind: 'set', value: next.kind === 'add' ? (before.value as number) + next.value : greatest(before.value, next.value) };
  if (before.kind === next.kind) return next.kind === 'add' ? { kind: 'add', value: (before.value as number) + next.value } : { kind: 'max', value: greatest(before.value, next.value) };
  throw new Error(`Column "${column}" of ${table} is both added to and maxed in one batch before the row is known: get the row first.`);
}

/** A number or a time (a Date, or ISO-8601 text as a row may hold it) as a number to compare. */
function ordered(value: unknown): number {
  return value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : (value as number);
}

function greatest(a: unknown, b: unknown): unknown {
  if (a === null || a === undefined) return b;
  if (b === null || b === undefined) return a;
  return ordered(b) > ordered(a) ? b : a;
}

/** Text whose JSON string PostgreSQL's array input reads back as it was: no control characters, no surrogates. */
function jsonSafe(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || (code >= 0xd800 && code <= 0xdfff)) return false;
  }
  return true;
}

/**
 * The text of a PostgreSQL array of these values (strings, numbers, booleans, nulls). JSON quotes
 * and escapes `"` and `\\` as the array syntax does, natively and at once; strings it would escape
 * otherwise (control characters, lone surrogates) are quoted one by one instead.
 */
function arrayLiteral(values: unknown[]): string {
  if (values.every((value) => typeof value !== 'string' || jsonSafe(value))) return `{${JSON.stringify(values).slice(1, -1)}}`;
  const element = (value: unknown) => (value === null ? 'NULL' : typeof value === 'string' ? `"${value.replace(/[\\"]/g, (special) => `\\${special}`)}"` : String(value));
  return `{${values.map(element).join(',')}}`;
}
