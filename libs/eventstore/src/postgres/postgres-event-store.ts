import { Pool, types as pgTypes, type PoolClient, type PoolConfig } from 'pg';
import { StoreClosedError } from '../errors';
import type { AppendRequest, AppendResult, EventStore, EventSubscription, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent, StoreHealth, StreamMetadata, SubscribeToAllOptions } from '../types';
import { UpcasterRegistry } from '../upcasting';
import { assertAppendRequest, assertNonNegativeInteger, assertPositiveInteger, assertStreamName, assertStreamSettings } from '../validation';
import { runAppendBatch } from './append-batch';
import { EVENT_COLUMNS, type EventRow, toRecordedEvent } from './event-rows';
import { GroupCommit } from './group-commit';
import { LogNotifier } from './log-notifier';
import { PostgresSubscription } from './postgres-subscription';

export interface PostgresEventStoreOptions {
  connectionString: string;
  upcasters?: UpcasterRegistry;
  /** Connections in the store's pool. */
  poolSize?: number;
  /** A session idle inside a transaction longer than this is ended by PostgreSQL (default 60 s). */
  idleInTransactionTimeoutMs?: number;
  /**
   * Most events group commit puts in one transaction (default 1,000). Large appends gain nothing
   * from sharing a commit, and smaller transactions let the next one prepare while one commits.
   */
  maxBatchEvents?: number;
  /** Group-commit transactions under way at once (default 4). */
  maxBatchesInFlight?: number;
  /** A subscriber re-reads at least this often even without a notification (default 1,000 ms). */
  pollIntervalMs?: number;
}

const DEFAULT_READ_COUNT = 1000;
const STREAM_PAGE = 10_000;
const MAX_READ_COUNT = 100_000;

const INT8_OID = 20;
// Positions and revisions stay far below 2^53; numbers are what the port speaks.
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pgTypes.getTypeParser(oid, format)) as typeof pgTypes.getTypeParser,
};

/** Transaction-scoped appends: written when the surrounding transaction commits. */
export interface EventStoreTransaction {
  readonly client: PoolClient;
  append(streamName: string, events: NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
}

/** The PostgreSQL adapter of the event store port. */
export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly upcasters: UpcasterRegistry;
  private readonly groupCommit: GroupCommit;
  private readonly notifier: LogNotifier;
  private readonly subscriptions = new Set<EventSubscription>();
  private closed = false;

  constructor(options: PostgresEventStoreOptions) {
    const idleTimeout = options.idleInTransactionTimeoutMs ?? 60_000;
    const config: PoolConfig = {
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      options: `-c idle_in_transaction_session_timeout=${idleTimeout}`,
      types: typeParsers,
      application_name: 'glint-eventstore',
    };
    this.pool = new Pool(config);
    // A dropped idle connection must not crash the process; the pool replaces it on next use.
    this.pool.on('error', () => undefined);
    // So must one dropped while checked out: its statement fails, and the pool discards it on release.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.groupCommit = new GroupCommit(this.pool, this.upcasters, {
      maxBatchEvents: options.maxBatchEvents ?? 1000,
      maxBatchesInFlight: options.maxBatchesInFlight ?? 4,
    });
    this.notifier = new LogNotifier(
      { connectionString: options.connectionString, application_name: 'glint-eventstore-listener' },
      options.pollIntervalMs ?? 1000,
    );
  }

  async append(streamName: string, events: NewEvent[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    const request = { streamName, events, expectedRevision: options.expectedRevision ?? 'any' };
    assertAppendRequest(request);
    this.assertOpen();
    const outcome = await this.groupCommit.submit(request);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }

  async appendMany(requests: AppendRequest[]): Promise<Array<AppendResult | Error>> {
    this.assertOpen();
    return Promise.all(
      requests.map((request) => {
        try {
          assertAppendRequest(request);
        } catch (error) {
          return error as Error;
        }
        return this.groupCommit
          .submit({ ...request, expectedRevision: request.expectedRevision ?? 'any' })
          .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      }),
    );
  }

  /**
   * Runs `work` in one database transaction: its appends (and any other writes on `tx.client`)
   * commit together or not at all. The transaction holds the log's ordering lock from its first
   * append until it ends, so keep it short; PostgreSQL ends one left idle.
   */
  async withTransaction<T>(work: (tx: EventStoreTransaction) => Promise<T>): Promise<T> {
    this.assertOpen();
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const tx: EventStoreTransaction = {
        client,
        append: async (streamName, events, options = {}) => {
          const request = { streamName, events, expectedRevision: options.expectedRevision ?? 'any' };
          assertAppendRequest(request);
          // Inside a caller's transaction a failed insert would abort it, so look for stored ids first.
          const [outcome] = await runAppendBatch(client, [request], this.upcasters, true);
          if (outcome instanceof Error) throw outcome;
          return outcome;
        },
      };
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamName(streamName);
    assertNonNegativeInteger('fromRevision', options.fromRevision);
    assertPositiveInteger('maxCount', options.maxCount);
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    // Without a maximum the whole stream is read, page by page: loading an entity's state must
    // never stop quietly at some size.
    const wanted = options.maxCount ?? Number.POSITIVE_INFINITY;
    const events: RecordedEvent[] = [];
    let bound = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    while (events.length < wanted) {
      const pageSize = Math.min(wanted - events.length, STREAM_PAGE);
      const { rows } = await this.pool.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM glint_events e
          WHERE stream_name = $1 AND stream_revision ${backwards ? '<=' : '>='} $2
            AND NOT EXISTS (SELECT 1 FROM glint_stream_metadata m WHERE m.stream_name = $1 AND m.deleted)
            AND stream_revision >= coalesce((SELECT truncate_before FROM glint_stream_metadata m WHERE m.stream_name = $1), 0)
          ORDER BY stream_revision ${backwards ? 'DESC' : 'ASC'}
          LIMIT $3`,
        [streamName, bound, pageSize],
      );
      for (const row of rows) events.push(this.upcasters.upcast(toRecordedEvent(row)));
      if (rows.length < pageSize) break;
      bound = rows[rows.length - 1].stream_revision + (backwards ? -1 : 1);
      if (bound < 0) break;
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertNonNegativeInteger('fromPosition', options.fromPosition);
    assertPositiveInteger('maxCount', options.maxCount);
    this.assertOpen();
    return this.readPage(options.fromPosition ?? 0, Math.min(options.maxCount ?? DEFAULT_READ_COUNT, MAX_READ_COUNT));
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    assertNonNegativeInteger('fromPosition', options.fromPosition);
    assertPositiveInteger('batchSize', options.batchSize);
    this.assertOpen();
    const subscription = new PostgresSubscription(
      (from, count) => this.readPage(from, count),
      this.notifier,
      options.fromPosition ?? 0,
      Math.min(options.batchSize ?? DEFAULT_READ_COUNT, MAX_READ_COUNT),
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    const { rows } = await this.pool.query<{ position: number }>('SELECT position FROM glint_log_head WHERE id = 1');
    return rows[0]?.position ?? 0;
  }

  async getStreamMetadata(streamName: string): Promise<StreamMetadata> {
    assertStreamName(streamName);
    this.assertOpen();
    const { rows } = await this.pool.query<{ deleted: boolean; truncate_before: number | null; custom: Record<string, unknown> }>(
      'SELECT deleted, truncate_before, custom FROM glint_stream_metadata WHERE stream_name = $1',
      [streamName],
    );
    const row = rows[0];
    return { deleted: row?.deleted ?? false, truncateBefore: row?.truncate_before ?? null, custom: row?.custom ?? {} };
  }

  async setStreamMetadata(streamName: string, custom: Record<string, unknown>): Promise<void> {
    assertStreamName(streamName);
    assertStreamSettings(custom);
    this.assertOpen();
    await this.pool.query(
      `INSERT INTO glint_stream_metadata (stream_name, custom) VALUES ($1, $2::jsonb)
       ON CONFLICT (stream_name) DO UPDATE SET custom = EXCLUDED.custom`,
      [streamName, JSON.stringify(custom)],
    );
  }

  async softDeleteStream(streamName: string): Promise<void> {
    assertStreamName(streamName);
    this.assertOpen();
    // Hiding everything up to the current end keeps the old events out of sight when the stream
    // is appended to again.
    await this.pool.query(
      `INSERT INTO glint_stream_metadata (stream_name, deleted, truncate_before)
       SELECT $1, true, coalesce(max(stream_revision), -1) + 1 FROM glint_events WHERE stream_name = $1
       ON CONFLICT (stream_name) DO UPDATE SET deleted = true, truncate_before = EXCLUDED.truncate_before`,
      [streamName],
    );
  }

  async truncateStreamBefore(streamName: string, revision: number): Promise<void> {
    assertStreamName(streamName);
    assertNonNegativeInteger('revision', revision);
    this.assertOpen();
    await this.pool.query(
      // A soft-deleted stream keeps at least its deletion point hidden, whatever is asked later.
      `INSERT INTO glint_stream_metadata (stream_name, truncate_before) VALUES ($1, $2)
       ON CONFLICT (stream_name) DO UPDATE SET truncate_before = CASE
         WHEN glint_stream_metadata.deleted THEN greatest(glint_stream_metadata.truncate_before, EXCLUDED.truncate_before)
         ELSE EXCLUDED.truncate_before END`,
      [streamName, revision],
    );
  }

  async health(): Promise<StoreHealth> {
    this.assertOpen();
    const { rows } = await this.pool.query<{ head: number; oldest: number; blocked: number }>(
      `SELECT (SELECT position FROM glint_log_head WHERE id = 1) AS head,
              coalesce((SELECT extract(epoch FROM max(now() - xact_start)) FROM pg_stat_activity
                         WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()), 0)::float8 AS oldest,
              coalesce((SELECT extract(epoch FROM max(now() - query_start)) FROM pg_stat_activity
                         WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%glint_append%'), 0)::float8 AS blocked`,
    );
    const row = rows[0];
    return { headPosition: row.head, oldestOpenTransactionSeconds: row.oldest, appendBlockedSeconds: row.blocked };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.notifier.close();
    while (this.groupCommit.busy) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.pool.end();
  }

  private async readPage(fromPosition: number, maxCount: number): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'glint_read_all',
      text: `SELECT ${EVENT_COLUMNS} FROM glint_events WHERE position > $1 ORDER BY position LIMIT $2`,
      values: [fromPosition, maxCount],
    });
    return rows.map((row) => this.upcasters.upcast(toRecordedEvent(row)));
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}
