import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  metastreamOf,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type CurrentRevision,
  type JSONEventData,
  type JSONType,
  type ReadPosition,
  type ReadRevision,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import {
  InvalidArgumentError,
  PartialDuplicateError,
  StoreClosedError,
  WrongExpectedRevisionError,
} from '../errors';
import type {
  ActualRevision,
  AppendRequest,
  AppendResult,
  EventMetadata,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreHealth,
  StreamMetadata,
  SubscribeToAllOptions,
} from '../types';
import { UpcasterRegistry } from '../upcasting';
import {
  assertAppendRequest,
  assertNonNegativeInteger,
  assertPositiveInteger,
  assertStreamName,
  jsonProblem,
} from '../validation';

export interface EventStoreDbEventStoreOptions {
  /** `esdb://…` or `esdb+discover://…`, as EventStoreDB and KurrentDB document it. */
  connectionString: string;
  upcasters?: UpcasterRegistry;
}

/** How Glint wraps its own metadata in an EventStoreDB event's metadata. */
type GlintEnvelope = {
  /** Read by EventStoreDB's `$by_correlation_id` projection and its UI. */
  $correlationId: string;
  $causationId?: string;
  glint: { schemaVersion: number; metadata: EventMetadata };
};

/** Glint's part of a stream's EventStoreDB metadata, next to `$tb` and anything an operator set. */
interface GlintStreamSettings {
  deleted: boolean;
  custom: Record<string, unknown>;
}

interface StoredStreamMetadata extends GlintStreamSettings {
  truncateBefore: number | null;
  /** The whole metadata document, so a rewrite keeps what Glint does not own (ACLs, `$maxAge`…). */
  raw: Record<string, unknown>;
  /** Revision of the metadata stream's last event, for optimistic concurrency on rewrites. */
  revision: bigint | null;
}

const STREAM_PAGE = 500;
const ALL_PAGE = 1000;
/** The PostgreSQL adapter's defaults and limit, so callers see one behaviour whichever store runs. */
const DEFAULT_READ_COUNT = 1000;
const MAX_READ_COUNT = 100_000;
const METADATA_WRITE_ATTEMPTS = 5;
/** Glint never writes to `$`-streams, and everything EventStoreDB writes for itself lives there. */
const GLINT_STREAMS = '^[^$]';

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
    return this.appendValidated(request);
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
          outcomes[index] = await this.appendValidated(request);
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
    const records = await this.readStreamRecords(streamName, {
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
    const events = await this.readGlintEventsAfter(options.fromPosition ?? 0, maxCount);
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

  /** The newest Glint event's position: EventStoreDB's own bookkeeping events are not Glint's log. */
  async headPosition(): Promise<number> {
    this.assertOpen();
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.readAllPage(from, BACKWARDS, ALL_PAGE);
      for (const resolved of page) {
        const event = toGlintEvent(resolved);
        if (event) return event.position;
      }
      if (page.length < ALL_PAGE) return 0;
      from = logPosition(commitPositionOf(page[page.length - 1]));
    }
  }

  async getStreamMetadata(streamName: string): Promise<StreamMetadata> {
    this.assertOpen();
    assertStreamName(streamName);
    const stored = await this.readStreamMetadata(streamName);
    return {
      deleted: await this.isDeleted(streamName, stored),
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
    await this.rewriteStreamMetadata(streamName, async (stored) => ({
      deleted: await this.isDeleted(streamName, stored),
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
      await this.rewriteStreamMetadata(streamName, async (stored) => {
        const last = await this.lastVisibleRevision(streamName);
        return { deleted: true, truncateBefore: last === null ? (stored.truncateBefore ?? 0) : last + 1, custom: stored.custom };
      });
      if ((await this.lastVisibleRevision(streamName)) === null) return;
    }
    throw new Error(`Stream "${streamName}" kept receiving appends while it was being deleted; try again.`);
  }

  async truncateStreamBefore(streamName: string, revision: number): Promise<void> {
    this.assertOpen();
    assertStreamName(streamName);
    assertNonNegativeInteger('revision', revision);
    await this.rewriteStreamMetadata(streamName, async (stored) => {
      const deleted = await this.isDeleted(streamName, stored);
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

  private async appendValidated(request: AppendRequest): Promise<AppendResult> {
    const { streamName, events } = request;
    const expected = request.expectedRevision ?? 'any';
    // Before the revision check: a retried request whose expectation has gone stale is still
    // answered as the duplicate it is.
    const stored = await this.storedCopies(streamName, events, expected);
    if (stored.length === events.length) return duplicateResult(streamName, stored);
    if (stored.length > 0) throw new PartialDuplicateError(streamName, stored.map((event) => event.id));

    const serverExpectation = await this.serverExpectation(streamName, expected);
    try {
      return await this.write(streamName, events, serverExpectation);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const actual = error.actualVersion;
      if (expected === 'no_stream' && actual !== NO_STREAM && (await this.isDeleted(streamName))) {
        return this.writeToDeletedStream(streamName, events, actual);
      }
      throw new WrongExpectedRevisionError(streamName, expected, toActualRevision(actual));
    }
  }

  /** A deleted stream counts as absent: `no_stream` recreates it after its last revision. */
  private async writeToDeletedStream(streamName: string, events: NewEvent[], lastRevision: bigint): Promise<AppendResult> {
    try {
      return await this.write(streamName, events, lastRevision);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new WrongExpectedRevisionError(streamName, 'no_stream', toActualRevision(error.actualVersion));
      }
      throw error;
    }
  }

  /**
   * EventStoreDB enforces `any` and `no_stream` itself. A deleted stream still has events, so for
   * `stream_exists` and exact revisions Glint refuses it here; EventStoreDB checks the rest.
   */
  private async serverExpectation(streamName: string, expected: ExpectedRevision): Promise<AppendExpectedRevision> {
    if (expected === 'any') return ANY;
    if (expected === 'no_stream') return NO_STREAM;
    if (await this.isDeleted(streamName)) throw new WrongExpectedRevisionError(streamName, expected, 'no_stream');
    return expected === 'stream_exists' ? STREAM_EXISTS : BigInt(expected);
  }

  private async write(streamName: string, events: NewEvent[], expectedRevision: AppendExpectedRevision): Promise<AppendResult> {
    const result = await this.client.appendToStream(streamName, events.map((event) => this.toEventData(event)), { expectedRevision });
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    // The append answers only its last position; reading the events back gives each one's own.
    const appended = await this.readStreamRecords(streamName, {
      direction: FORWARDS,
      fromRevision: BigInt(nextExpectedRevision - events.length + 1),
      maxCount: events.length,
    });
    const sameEvents = appended.length === events.length && appended.every((record, index) => sameId(record.id, events[index].id));
    if (!sameEvents) {
      throw new Error(
        `The append to "${streamName}" is stored, but its events are hidden (deleted or truncated) so their positions cannot be read.`,
      );
    }
    return {
      streamName,
      nextExpectedRevision,
      firstPosition: positionOf(appended[0]),
      lastPosition: positionOf(appended[appended.length - 1]),
      duplicate: false,
    };
  }

  /**
   * Events of this append already in the stream. EventStoreDB deduplicates by event id only within
   * a recent window (and, for an exact revision, at the revisions right after it), so Glint looks
   * where a retry of the same request must have landed: after the expected revision, at the start of
   * a new stream, or — for `any` and `stream_exists`, which say nothing about where — the whole
   * visible stream, newest first. An id stored in another stream, or hidden by truncation or
   * deletion, is not found here, unlike on PostgreSQL.
   */
  private async storedCopies(streamName: string, events: NewEvent[], expected: ExpectedRevision): Promise<EsdbRecordedEvent[]> {
    const wanted = new Set(events.map((event) => event.id.toLowerCase()));
    const keep = (records: EsdbRecordedEvent[]) => records.filter((record) => wanted.has(record.id.toLowerCase()));
    if (typeof expected === 'number') {
      return keep(await this.readStreamRecords(streamName, { direction: FORWARDS, fromRevision: BigInt(expected + 1), maxCount: events.length }));
    }
    if (expected === 'no_stream') {
      return keep(await this.readStreamRecords(streamName, { direction: FORWARDS, fromRevision: START, maxCount: events.length }));
    }
    const found: EsdbRecordedEvent[] = [];
    let from: ReadRevision = END;
    for (;;) {
      const page = await this.readStreamRecords(streamName, { direction: BACKWARDS, fromRevision: from, maxCount: STREAM_PAGE });
      found.push(...keep(page));
      const oldest = page[page.length - 1];
      if (found.length === wanted.size || page.length < STREAM_PAGE || oldest.revision === 0n) return found;
      from = oldest.revision - 1n;
    }
  }

  private toEventData(event: NewEvent): JSONEventData {
    const envelope: GlintEnvelope = {
      $correlationId: event.metadata.correlationId,
      ...(event.metadata.causationId === null ? {} : { $causationId: event.metadata.causationId }),
      glint: { schemaVersion: event.schemaVersion ?? this.upcasters.currentVersion(event.type), metadata: event.metadata },
    };
    return {
      id: event.id,
      contentType: 'application/json',
      type: event.type,
      // assertAppendRequest proved the data JSON; the client stringifies any JSON value, not only
      // the objects, arrays and strings its type names.
      data: event.data as JSONType,
      metadata: envelope,
    };
  }

  private async isDeleted(streamName: string, stored?: StoredStreamMetadata): Promise<boolean> {
    const metadata = stored ?? (await this.readStreamMetadata(streamName));
    // Appending to a deleted stream brings it back; the flag is cleared lazily by the next rewrite.
    return metadata.deleted && (await this.lastVisibleRevision(streamName)) === null;
  }

  private async lastVisibleRevision(streamName: string): Promise<number | null> {
    const [last] = await this.readStreamRecords(streamName, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    return last ? Number(last.revision) : null;
  }

  private async readStreamMetadata(streamName: string): Promise<StoredStreamMetadata> {
    const [last] = await this.readStreamRecords(metastreamOf(streamName), { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    const raw = last?.isJson && isPlainObject(last.data) ? last.data : {};
    const glint = isPlainObject(raw.glint) ? raw.glint : {};
    return {
      deleted: glint.deleted === true,
      custom: isPlainObject(glint.custom) ? glint.custom : {},
      truncateBefore: Number.isSafeInteger(raw.$tb) ? (raw.$tb as number) : null,
      raw,
      revision: last ? last.revision : null,
    };
  }

  /** Read-modify-write of the stream's metadata, retried when another writer got there first. */
  private async rewriteStreamMetadata(
    streamName: string,
    change: (stored: StoredStreamMetadata) => Promise<GlintStreamSettings & { truncateBefore: number | null }>,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const stored = await this.readStreamMetadata(streamName);
      const next = await change(stored);
      const { $tb: _truncateBefore, glint: _glint, ...kept } = stored.raw;
      try {
        await this.client.setStreamMetadata(
          streamName,
          {
            ...kept,
            ...(next.truncateBefore === null ? {} : { truncateBefore: next.truncateBefore }),
            glint: { deleted: next.deleted, custom: next.custom },
          },
          { expectedRevision: stored.revision ?? NO_STREAM },
        );
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt === METADATA_WRITE_ATTEMPTS) throw error;
      }
    }
  }

  private async readStreamRecords(
    streamName: string,
    options: { direction: typeof FORWARDS | typeof BACKWARDS; fromRevision: ReadRevision; maxCount?: number },
  ): Promise<EsdbRecordedEvent[]> {
    const records: EsdbRecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, options)) {
        if (resolved.event) records.push(resolved.event);
      }
    } catch (error) {
      // A stream that never existed, or whose every event is hidden, reads as empty.
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return records;
  }

  private async readAllPage(from: ReadPosition, direction: typeof FORWARDS | typeof BACKWARDS, maxCount: number): Promise<AllStreamResolvedEvent[]> {
    const page: AllStreamResolvedEvent[] = [];
    for await (const resolved of this.client.readAll({ fromPosition: from, direction, maxCount })) page.push(resolved);
    return page;
  }

  /**
   * `$all` read forwards from a position includes the event at that position, and holds
   * EventStoreDB's own events, so pages are read until `limit` Glint events after `after` are found.
   */
  private async readGlintEventsAfter(after: number, limit: number): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let cursor = after;
    while (events.length < limit) {
      // One more than still wanted: the first record of a page may be the one at the cursor.
      const pageSize = Math.min(limit - events.length + 1, ALL_PAGE);
      const page = await this.readAllPage(cursor === 0 ? START : logPosition(cursor), FORWARDS, pageSize);
      for (const resolved of page) {
        const position = commitPositionOf(resolved);
        if (position <= cursor) continue;
        cursor = position;
        const event = toGlintEvent(resolved);
        if (event && events.length < limit) events.push(event);
      }
      if (page.length < pageSize) break;
    }
    return events;
  }
}

/**
 * Catch-up then live, on EventStoreDB's own catch-up subscription filtered to Glint's streams.
 * The client's readable stream buffers at most one batch (its high-water mark), and gRPC flow
 * control holds the server back while the consumer is busy: that is the back-pressure.
 */
class EventStoreDbSubscription implements EventSubscription {
  private stopped = false;
  private wake: (() => void) | null = null;
  private source: AllStreamSubscription | null = null;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly upcasters: UpcasterRegistry,
    private readonly fromPosition: number,
    private readonly batchSize: number,
    private readonly onStopped: () => void,
  ) {}

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wake?.();
    this.onStopped();
    const source = this.source;
    this.source = null;
    if (source) {
      await source.unsubscribe();
      source.destroy();
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent[]> {
    if (this.stopped) return;
    const source = this.client.subscribeToAll(
      {
        fromPosition: this.fromPosition === 0 ? START : logPosition(this.fromPosition),
        filter: streamNameFilter({ regex: GLINT_STREAMS }),
      },
      { highWaterMark: this.batchSize },
    );
    this.source = source;
    let failure: Error | null = null;
    source.on('error', (error: Error) => {
      failure = error;
      this.wake?.();
    });
    let checkpoint = this.fromPosition;
    try {
      while (!this.stopped) {
        const batch: RecordedEvent[] = [];
        let resolved: AllStreamResolvedEvent | null;
        while (batch.length < this.batchSize && (resolved = source.read() as AllStreamResolvedEvent | null) !== null) {
          const event = toGlintEvent(resolved);
          // The checkpoint is exclusive whatever the server makes of a position it starts from.
          if (event && event.position > checkpoint) batch.push(this.upcasters.upcast(event));
        }
        if (batch.length > 0) {
          checkpoint = batch[batch.length - 1].position;
          yield batch;
          continue;
        }
        if (failure) throw failure;
        if (source.readableEnded || source.destroyed) return;
        await this.nextReadable(source);
      }
    } finally {
      await this.stop();
    }
  }

  private nextReadable(source: AllStreamSubscription): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        source.off('readable', done);
        source.off('end', done);
        source.off('close', done);
        this.wake = null;
        resolve();
      };
      this.wake = done;
      source.on('readable', done);
      source.on('end', done);
      source.on('close', done);
    });
  }
}

function duplicateResult(streamName: string, stored: EsdbRecordedEvent[]): AppendResult {
  const positions = stored.map(positionOf);
  return {
    streamName,
    nextExpectedRevision: Math.max(...stored.map((record) => Number(record.revision))),
    firstPosition: Math.min(...positions),
    lastPosition: Math.max(...positions),
    duplicate: true,
  };
}

function toActualRevision(current: CurrentRevision): ActualRevision {
  return current === NO_STREAM ? 'no_stream' : Number(current);
}

/** An event of a stream Glint reads by name: anything but a Glint event there is a corrupted history. */
function toStreamEvent(record: EsdbRecordedEvent): RecordedEvent {
  const event = fromGlintRecord(record);
  if (!event) {
    throw new Error(
      `Event ${record.id} at revision ${record.revision} of "${record.streamId}" was not written by Glint; ` +
        'Glint streams on EventStoreDB must only be written through Glint.',
    );
  }
  return event;
}

/** A Glint event from `$all`, or null for EventStoreDB's own events and other applications' events. */
function toGlintEvent(resolved: AllStreamResolvedEvent): RecordedEvent | null {
  const record = resolved.event;
  if (!record || record.streamId.startsWith('$')) return null;
  return fromGlintRecord(record);
}

function fromGlintRecord(record: EsdbRecordedEvent): RecordedEvent | null {
  if (!record.isJson || !isGlintEnvelope(record.metadata)) return null;
  const { schemaVersion, metadata } = record.metadata.glint;
  return {
    id: record.id,
    type: record.type,
    data: record.data,
    metadata,
    schemaVersion,
    streamName: record.streamId,
    streamRevision: Number(record.revision),
    position: positionOf(record),
    recordedAt: record.created,
  };
}

function positionOf(record: EsdbRecordedEvent): number {
  if (!record.position) {
    throw new Error('EventStoreDB did not return event positions on stream reads: Glint needs EventStoreDB 22.6 or newer.');
  }
  return toNumber(record.position.commit);
}

function commitPositionOf(resolved: AllStreamResolvedEvent): number {
  const commit = resolved.event?.position.commit ?? resolved.commitPosition;
  if (commit === undefined) throw new Error('EventStoreDB returned a record of $all without a position.');
  return toNumber(commit);
}

function toNumber(commit: bigint): number {
  if (commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`EventStoreDB log position ${commit} is beyond 2^53, the largest position Glint represents exactly.`);
  }
  return Number(commit);
}

/** Events appended through gRPC have commit position = prepare position. */
function logPosition(position: number): { commit: bigint; prepare: bigint } {
  return { commit: BigInt(position), prepare: BigInt(position) };
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function isGlintEnvelope(value: unknown): value is GlintEnvelope {
  if (!isPlainObject(value) || !isPlainObject(value.glint)) return false;
  return Number.isSafeInteger(value.glint.schemaVersion) && isPlainObject(value.glint.metadata);
}
