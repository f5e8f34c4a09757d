import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import { InvalidArgumentError, StoreClosedError } from '../errors';
import type { AppendRequest, AppendResult, EventStore, EventSubscription, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent, StoreHealth, StreamMetadata, SubscribeToAllOptions } from '../types';
import { UpcasterRegistry } from '../upcasting';
import { assertAppendRequest, assertNonNegativeInteger, assertPositiveInteger, assertStreamName, jsonProblem } from '../validation';
import { appendValidated } from './append-to-stream';
import { toStreamEvent } from './event-records';
import { EventStoreDbSubscription } from './eventstoredb-subscription';
import { isDeleted, METADATA_WRITE_ATTEMPTS, readStreamMetadata, rewriteStreamMetadata } from './stream-metadata';
import { lastVisibleRevision, readGlintEventsAfter, readHeadPosition, readStreamRecords } from './stream-reads';

export interface EventStoreDbEventStoreOptions {
  /** `esdb://…` or `esdb+discover://…`, as EventStoreDB and KurrentDB document it. */
  connectionString: string;
  upcasters?: UpcasterRegistry;
}

/** The PostgreSQL adapter's defaults and limit, so callers see one behaviour whichever store runs. */
const DEFAULT_READ_COUNT = 1000;
const MAX_READ_COUNT = 100_000;

/**
 * The EventStore port on EventStoreDB / KurrentDB through `@eventstore/db-client` 6.
 *
 * Positions: the port's global position is the event's commit position in EventStoreDB's
 * transaction log. For events appended through gRPC (the only way Glint writes) every event has a
 * commit position of its own, equal to its prepare position, and `$all` is ordered by it, so it is
 * a faithful, strictly increasing stand-in for the PostgreSQL sequence. Limits: it is a byte offset,
 * so positions are sparse (never count events by subtracting them) and the first event is not at 1;
 * it is exact as a JavaScript number only up to 2^53 bytes of log (≈ 9 PB), past which reads fail
 * loudly instead of rounding; events written by other tools in explicit (TCP-era) transactions
 * share one commit position and are not supported in Glint's streams.
 *
 * Soft delete is Glint's, not EventStoreDB's `deleteStream`: the stream's metadata gets
 * `$tb` = last revision + 1 and `glint.deleted`. Reads then hide the old events, appending again
 * continues the revisions, and the port's rules (a deleted stream counts as absent for
 * `stream_exists` and exact revisions) hold. EventStoreDB's own soft delete accepts the old last
 * revision as an expectation, refuses `stream_exists` with a different error, and writes the
 * recreated stream's `$tb` after the append, so a read right after the append can miss it.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly upcasters: UpcasterRegistry;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private closed = false;

  constructor(options: EventStoreDbEventStoreOptions) {
    if (!/^esdb(\+discover)?:\/\//.test(options.connectionString)) {
      throw new InvalidArgumentError('connectionString', 'must start with esdb:// or esdb+discover://');
    }
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
  }

  async append(streamName: string, events: NewEvent[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    this.assertOpen();
    const request: AppendRequest = { streamName, events, expectedRevision: options.expectedRevision ?? 'any' };
    assertAppendRequest(request);
    return appendValidated(this.client, this.upcasters, request);
  }

  /**
   * EventStoreDB appends to one stream at a time, so requests run on their own: in order within a
   * stream, side by side across streams.
   */
  async appendMany(requests: AppendRequest[]): Promise<Array<AppendResult | Error>> {
    this.assertOpen();
    const outcomes: Array<AppendResult | Error> = new Array(requests.length);
    const tails = new Map<string, Promise<void>>();
    requests.forEach((request, index) => {
      const run = async () => {
        try {
          assertAppendRequest(request);
          outcomes[index] = await appendValidated(this.client, this.upcasters, request);
        } catch (error) {
          outcomes[index] = error instanceof Error ? error : new Error(String(error));
        }
      };
      const key = typeof request.streamName === 'string' ? request.streamName : '';
      tails.set(key, (tails.get(key) ?? Promise.resolve()).then(run));
    });
    await Promise.all(tails.values());
    return outcomes;
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(streamName);
    const direction = options.direction ?? 'forwards';
    if (direction !== 'forwards' && direction !== 'backwards') {
      throw new InvalidArgumentError('direction', `must be "forwards" or "backwards", not ${JSON.stringify(direction)}`);
    }
    assertNonNegativeInteger('fromRevision', options.fromRevision);
    assertPositiveInteger('maxCount', options.maxCount);
    const records = await readStreamRecords(this.client, streamName, {
      direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
      fromRevision: options.fromRevision === undefined ? (direction === 'forwards' ? START : END) : BigInt(options.fromRevision),
      maxCount: options.maxCount,
    });
    return records.map((record) => this.upcasters.upcast(toStreamEvent(record)));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertNonNegativeInteger('fromPosition', options.fromPosition);
    assertPositiveInteger('maxCount', options.maxCount);
    const maxCount = Math.min(options.maxCount ?? DEFAULT_READ_COUNT, MAX_READ_COUNT);
    const events = await readGlintEventsAfter(this.client, options.fromPosition ?? 0, maxCount);
    return events.map((event) => this.upcasters.upcast(event));
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    this.assertOpen();
    assertNonNegativeInteger('fromPosition', options.fromPosition);
    assertPositiveInteger('batchSize', options.batchSize);
    const subscription = new EventStoreDbSubscription(
      this.client,
      this.upcasters,
      options.fromPosition ?? 0,
      Math.min(options.batchSize ?? DEFAULT_READ_COUNT, MAX_READ_COUNT),
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return readHeadPosition(this.client);
  }

  async getStreamMetadata(streamName: string): Promise<StreamMetadata> {
    this.assertOpen();
    assertStreamName(streamName);
    const stored = await readStreamMetadata(this.client, streamName);
    return {
      deleted: await isDeleted(this.client, streamName, stored),
      truncateBefore: stored.truncateBefore,
      custom: stored.custom,
    };
  }

  async setStreamMetadata(streamName: string, custom: Record<string, unknown>): Promise<void> {
    this.assertOpen();
    assertStreamName(streamName);
    if (custom === null || typeof custom !== 'object' || Array.isArray(custom)) {
      throw new InvalidArgumentError('custom', 'must be an object');
    }
    const problem = jsonProblem(custom, 'custom');
    if (problem) throw new InvalidArgumentError(problem.path, problem.reason);
    await rewriteStreamMetadata(this.client, streamName, async (stored) => ({
      deleted: await isDeleted(this.client, streamName, stored),
      truncateBefore: stored.truncateBefore,
      custom,
    }));
  }

  async softDeleteStream(streamName: string): Promise<void> {
    this.assertOpen();
    assertStreamName(streamName);
    // An append that lands while the metadata is being written is ordered before the delete, so
    // it is hidden too: repeat until no visible event is left.
    for (let attempt = 0; attempt < METADATA_WRITE_ATTEMPTS; attempt++) {
      await rewriteStreamMetadata(this.client, streamName, async (stored) => {
        const last = await lastVisibleRevision(this.client, streamName);
        return { deleted: true, truncateBefore: last === null ? (stored.truncateBefore ?? 0) : last + 1, custom: stored.custom };
      });
      if ((await lastVisibleRevision(this.client, streamName)) === null) return;
    }
    throw new Error(`Stream "${streamName}" kept receiving appends while it was being deleted; try again.`);
  }

  async truncateStreamBefore(streamName: string, revision: number): Promise<void> {
    this.assertOpen();
    assertStreamName(streamName);
    assertNonNegativeInteger('revision', revision);
    await rewriteStreamMetadata(this.client, streamName, async (stored) => {
      const deleted = await isDeleted(this.client, streamName, stored);
      // Truncating a deleted stream must not bring its hidden events back.
      const truncateBefore = deleted ? Math.max(revision, stored.truncateBefore ?? 0) : revision;
      return { deleted, truncateBefore, custom: stored.custom };
    });
  }

  /**
   * Glint holds no transactions open on EventStoreDB and appends never queue behind a lock of
   * ours, so only the head says anything here.
   */
  async health(): Promise<StoreHealth> {
    return { headPosition: await this.headPosition(), oldestOpenTransactionSeconds: 0, appendBlockedSeconds: 0 };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}
